// Runs in the renderer. The console window: header, catalog on the left, the wall on the right.
import { useEffect } from "react";
import { CatalogPanel } from "../catalog/CatalogPanel.js";
import { useT } from "../i18n/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { Wall } from "../wall/Wall.js";
import { ConnectionBanner } from "./ConnectionBanner.js";
import { Header } from "./Header.js";
import { NoticeStack } from "./NoticeStack.js";
import { useConsoleSync } from "./use-console-sync.js";
import { useWallKeys } from "./use-wall-keys.js";

export function App() {
  useConsoleSync();
  useWallKeys();
  const t = useT();
  const locale = useConsoleStore((s) => s.locale);
  const boot = useConsoleStore((s) => s.boot);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t("app.name");
  }, [locale, t]);

  return (
    <div className="app" data-boot={boot.status}>
      <Header />
      <ConnectionBanner />
      {boot.status === "failed" && (
        <div className="banner banner--error" role="alert">
          {t("app.bootFailed", { reason: t(`error.${boot.code}`) })}
        </div>
      )}
      <main className="app__body">
        <CatalogPanel />
        {boot.status === "ready" ? <Wall /> : <div className="wall wall--loading">{t("app.loading")}</div>}
      </main>
      <NoticeStack />
    </div>
  );
}
