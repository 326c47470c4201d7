// Runs in the renderer. The side panel: the console's third column, right of the wall, holding the management views
// that are open — 授权与审计 (AccessLayer) above, the relay panel below — so they never cover a live tile. Absent
// while none is open (the wall takes the width back). Each view closes with its × or Esc (app/use-wall-keys).
import { AccessLayer } from "../access/AccessLayer.js";
import { useConsoleStore } from "../state/console-store.js";
import { RelayPanel } from "./RelayPanel.js";

export function SidePanel() {
  const access = useConsoleStore((s) => s.accessDrawer !== null && Boolean(s.session?.user));
  const relay = useConsoleStore((s) => s.relayPanelOpen);
  if (!access && !relay) return null;
  return (
    <div className={`side-panel${access && relay ? " side-panel--both" : ""}`} data-testid="side-panel">
      {access && <AccessLayer />}
      {relay && <RelayPanel />}
    </div>
  );
}
