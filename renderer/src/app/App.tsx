// Runs in the renderer. The console window: the login screen while no one is logged in; then header, banners and
// the body in three columns — catalog | wall | side panel. Management views (授权与审计, the relay panel) open in the
// side panel beside the wall, never over it: the wall shrinks and its tiles keep playing (the wall's elements stay
// where they are in the tree, so no player is recreated). The tile context menu and the folder-drop notice float.
import { useEffect } from "react";
import type { WallId } from "../../../contract/wall.js";
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
import { SidePanel } from "./SidePanel.js";
import { FillNotice } from "../catalog/FillNotice.js";
import { dropFolder } from "../catalog/folder-drop.js";
import { setFolderDropHandler } from "../wall/dnd.js";
import { TileMenuHost } from "../wall/TileMenu.js";
import { useRelayStatsFeed } from "../state/relay-stats.js";
import { useConsoleSync } from "../state/use-console-sync.js";
import { useWallKeys } from "./use-wall-keys.js";

export function App({ wall = 1 }: { wall?: WallId }) {
  useConsoleSync(wall);
  useCatalogSync();
  useWallKeys();
  useRelayStatsFeed();
  const t = useT();
  const locale = useConsoleStore((s) => s.locale);
  const boot = useConsoleStore((s) => s.boot);
  const session = useConsoleStore((s) => s.session);

  // A catalog folder dropped on a tile fills the wall (the wall sits below the catalog and cannot call it itself).
  useEffect(() => {
    setFolderDropHandler((folder) => void dropFolder(folder));
    return () => setFolderDropHandler(null);
  }, []);

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
        {boot.status === "ready" && <SidePanel />}
      </main>
      {boot.status === "ready" && <TileMenuHost />}
      {boot.status === "ready" && <FillNotice />}
      <NoticeStack />
    </div>
  );
}
