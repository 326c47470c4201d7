// Runs in the renderer. Opens a tile's program output: main opens a window (Electron); the web shell answers
// opened:false and this page opens the program page itself, one window per tile of this page's wall.
import { apiErrorCode } from "../../../contract/console-client.js";
import { consoleApi } from "../state/console-link.js";
import { useConsoleStore } from "../state/console-store.js";
import { programOutputUrl, programWindowName } from "./program-view.js";

export async function openProgramOutput(tile: number): Promise<void> {
  const wall = useConsoleStore.getState().wallId;
  try {
    const { opened } = await consoleApi().openProgramOutput({ wall, tile });
    if (!opened) window.open(programOutputUrl(window.location, wall, tile), programWindowName(wall, tile));
  } catch (err) {
    const errorCode = apiErrorCode(err);
    if (errorCode === "INTERNAL") console.error(err);
    useConsoleStore.getState().pushNotice({ action: "action.openProgramOutput", errorCode });
  }
}
