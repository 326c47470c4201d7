// Runs in the renderer. Where the access drawer mounts in the console window: nothing while it is closed; its code
// (the tabs, forms and lists of 授权与审计) is fetched the first time it opens, so the console starts without it.
import { lazy, Suspense } from "react";
import { LoadBoundary } from "../shared/LoadBoundary.js";
import { useConsoleStore } from "../state/console-store.js";
import { useT } from "../state/use-t.js";

const AccessDrawer = lazy(() => import("./AccessDrawer.js").then((m) => ({ default: m.AccessDrawer })));

export function AccessLayer() {
  const t = useT();
  const tab = useConsoleStore((s) => s.accessDrawer);
  const loggedIn = useConsoleStore((s) => Boolean(s.session?.user));
  if (tab === null || !loggedIn) return null;
  const placeholder = (text: string, failed: boolean) => (
    <aside className="access-drawer" data-testid="access-drawer-loading" aria-busy={!failed} role={failed ? "alert" : undefined}>
      <div className={`acc-loadline${failed ? " acc-loadline--failed" : ""}`}>{text}</div>
    </aside>
  );
  return (
    <LoadBoundary failed={placeholder(t("app.partFailed"), true)}>
      <Suspense fallback={placeholder(t("access.loading"), false)}>
        <AccessDrawer asked={tab} />
      </Suspense>
    </LoadBoundary>
  );
}
