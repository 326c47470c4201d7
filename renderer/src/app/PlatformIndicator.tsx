// Runs in the renderer. Header status dot for the central platform: online / syncing / degraded / logged-out.
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { clockTime } from "./clock-time.js";

export function PlatformIndicator() {
  const t = useT();
  const platform = useConsoleStore((s) => s.platform);
  const url = useConsoleStore((s) => s.session?.platformUrl ?? "");
  const locale = useConsoleStore((s) => s.locale);
  const title = [
    t("platform.statusTitle", {
      url,
      state: t(`platform.state.${platform.state}`),
      n: platform.cameras,
      time: platform.lastContactAt === null ? t("platform.neverSynced") : clockTime(platform.lastContactAt, locale),
    }),
    platform.lastError ? t("platform.lastError", { error: platform.lastError }) : null,
  ]
    .filter(Boolean)
    .join("\n");
  return (
    <div className={`pstatus pstatus--${platform.state}`} data-testid="platform-status" data-state={platform.state} title={title} role="status">
      <span className="pstatus__dot" aria-hidden="true" />
      <span className="pstatus__label">{t("platform.label")}</span>
      <span className="pstatus__state">{t(`platform.state.${platform.state}`)}</span>
    </div>
  );
}
