// Runs in the renderer. The media relay's state (starting/up/restarting/down) and how often it restarted.
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";

export function RelayIndicator() {
  const t = useT();
  const relay = useConsoleStore((s) => s.relay);
  // Without the core link the last known relay state is stale; say so rather than show a green light.
  const linked = useConsoleStore((s) => s.connection.status === "open");
  const title = relay.lastError ? t("relay.lastError", { error: relay.lastError }) : undefined;
  const shown = linked ? relay.state : "unknown";
  return (
    <div className={`relay relay--${shown}`} data-testid="relay-status" data-state={shown} title={title} role="status">
      <span className="relay__dot" aria-hidden="true" />
      <span className="relay__label">{t("relay.label")}</span>
      <span className="relay__state">{t(`relay.${shown}`)}</span>
      {relay.restarts > 0 && <span className="relay__restarts">{t("relay.restarts", { n: relay.restarts })}</span>}
    </div>
  );
}
