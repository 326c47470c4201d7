// Runs in the renderer. Top bar: app name, layout picker and wall windows, platform and relay status (and the relay panel
// toggle), the user, logout, language.
import { AccessButton } from "../access/AccessButton.js";
import { useT } from "../state/use-t.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { LayoutPicker } from "../wall/LayoutPicker.js";
import { WallsMenu } from "../wall/WallsMenu.js";
import { PlatformIndicator } from "./PlatformIndicator.js";
import { RelayIndicator } from "./RelayIndicator.js";
import { RelayPanelToggle } from "./RelayPanel.js";
import { UserBadge } from "./UserBadge.js";

export function Header() {
  const t = useT();
  return (
    <header className="header">
      <h1 className="header__name">{t("app.name")}</h1>
      <LayoutPicker />
      <WallsMenu />
      <div className="header__spacer" />
      <PlatformIndicator />
      <RelayIndicator />
      <RelayPanelToggle />
      <AccessButton />
      <UserBadge />
      <LocaleSwitch />
    </header>
  );
}

export function LocaleSwitch() {
  const t = useT();
  const locale = useConsoleStore((s) => s.locale);
  return (
    <button
      type="button"
      className="btn"
      data-testid="locale-switch"
      data-locale={locale}
      title={t("header.localeSwitchTitle")}
      onClick={() => void consoleActions.setLocale(locale === "zh-CN" ? "en" : "zh-CN")}
    >
      {t("header.localeSwitch")}
    </button>
  );
}
