// Runs in the renderer. Top bar: app name, layout switcher, platform and relay status (and the relay panel toggle), the user, logout, language.
import { WALL_LAYOUTS } from "../../../contract/wall.js";
import { AccessButton } from "../access/AccessButton.js";
import { useT } from "../state/use-t.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";
import { PlatformIndicator } from "./PlatformIndicator.js";
import { RelayIndicator } from "./RelayIndicator.js";
import { RelayPanelToggle } from "./RelayPanel.js";
import { UserBadge } from "./UserBadge.js";

export function Header() {
  const t = useT();
  const layout = useConsoleStore((s) => s.wall?.layout ?? null);
  return (
    <header className="header">
      <h1 className="header__name">{t("app.name")}</h1>
      <div className="header__group" role="group" aria-label={t("header.layout")}>
        <span className="header__label">{t("header.layout")}</span>
        {WALL_LAYOUTS.map((n) => (
          <button
            key={n}
            type="button"
            className={`btn btn--layout${layout === n ? " btn--active" : ""}`}
            data-testid={`layout-${n}`}
            aria-pressed={layout === n}
            title={t("header.layoutButton", { n })}
            disabled={layout === null}
            onClick={() => layout !== n && void consoleActions.setLayout(n)}
          >
            <LayoutIcon n={n} />
            <span>{n}</span>
          </button>
        ))}
      </div>
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

function LayoutIcon({ n }: { n: number }) {
  const side = Math.round(Math.sqrt(n));
  const cell = 12 / side;
  return (
    <svg className="layout-icon" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
      {Array.from({ length: n }, (_, i) => (
        <rect key={i} x={(i % side) * cell + 0.5} y={Math.floor(i / side) * cell + 0.5} width={cell - 1} height={cell - 1} />
      ))}
    </svg>
  );
}
