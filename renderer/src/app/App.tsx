// Runs in the renderer. The console window: the login screen while no one is logged in; then header, platform
// banner, catalog on the left and the wall on the right; the relay panel docks below them (the wall shrinks, nothing is hidden).
import { useEffect } from "react";
import { AccessLayer } from "../access/AccessLayer.js";
import { CatalogPanel } from "../catalog/CatalogPanel.js";
import { useCatalogSync } from "../catalog/use-catalog-sync.js";
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { Wall } from "../wall/Wall.js";
import { ConnectionBanner } from "./ConnectionBanner.js";
import { GrantBar } from "./GrantBar.js";
import { Header } from "./Header.js";
import { LoginScreen } from "./LoginScreen.js";
import { NoticeStack } from "./NoticeStack.js";
import { PlatformBanner } from "./PlatformBanner.js";
import { RelayPanel } from "./RelayPanel.js";
import { useRelayStatsFeed } from "../state/relay-stats.js";
import { useConsoleSync } from "../state/use-console-sync.js";
import { useWallKeys } from "./use-wall-keys.js";

export function App() {
  useConsoleSync();
  useCatalogSync();
  useWallKeys();
  useRelayStatsFeed();
  const t = useT();
  const locale = useConsoleStore((s) => s.locale);
  const boot = useConsoleStore((s) => s.boot);
  const session = useConsoleStore((s) => s.session);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t("app.name");
  }, [locale, t]);

  const bootFailed =
    boot.status === "failed" ? (
      <div className="banner banner--error" role="alert">
        {t("app.bootFailed", { reason: t(`error.${boot.code}`) })}
      </div>
    ) : null;

  if (boot.status === "ready" && session && session.user === null) {
    return (
      <div className="app app--login" data-boot={boot.status}>
        <ConnectionBanner />
        <LoginScreen session={session} />
        <NoticeStack />
      </div>
    );
  }

  return (
    <div className="app" data-boot={boot.status}>
      <Header />
      <GrantBar />
      <ConnectionBanner />
      <PlatformBanner />
      {bootFailed}
      <main className="app__body">
        {boot.status === "ready" ? <CatalogPanel /> : <aside className="catalog" />}
        {boot.status === "ready" ? <Wall /> : <div className="wall wall--loading">{t("app.loading")}</div>}
      </main>
      {boot.status === "ready" && <RelayPanel />}
      {boot.status === "ready" && <AccessLayer />}
      <NoticeStack />
    </div>
  );
}
