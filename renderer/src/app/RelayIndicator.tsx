// Runs in the renderer. The media relay's state (starting/up/restarting/down) and how often it restarted.
import { useT } from "../i18n/use-t.js";
import { useConsoleStore } from "../state/console-store.js";

export function RelayIndicator() {
  const t = useT();
  const relay = useConsoleStore((s) => s.relay);
  const title = relay.lastError ? t("relay.lastError", { error: relay.lastError }) : undefined;
  return (
    <div className={`relay relay--${relay.state}`} data-testid="relay-status" data-state={relay.state} title={title} role="status">
      <span className="relay__dot" aria-hidden="true" />
      <span className="relay__label">{t("relay.label")}</span>
      <span className="relay__state">{t(`relay.${relay.state}`)}</span>
      {relay.restarts > 0 && <span className="relay__restarts">{t("relay.restarts", { n: relay.restarts })}</span>}
    </div>
  );
}
