// Runs in main. An error the core reports to a window with a contract error code.
import type { ApiErrorCode } from "../../contract/console-api.js";

export class CoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CoreError";
  }
}
