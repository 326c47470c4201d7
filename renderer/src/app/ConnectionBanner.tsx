// Runs in the renderer. Banner while the link to the core is down (web shell socket reconnecting).
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";

export function ConnectionBanner() {
  const t = useT();
  const connection = useConsoleStore((s) => s.connection);
  if (connection.status !== "reconnecting") return null;
  return (
    <div className="banner banner--warn" role="alert" data-testid="connection-banner">
      {t("connection.lost", { n: connection.attempt })}
    </div>
  );
}
