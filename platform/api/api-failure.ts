// Runs in the platform API. A failure with its HTTP status and API error code; the error handler turns it into
// the error envelope.
import type { ApiError, ApiErrorCode } from "../../contract/platform-api.js";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Pick<ApiError, "reason" | "retryAfterS"> = {},
  ) {
    super(message);
  }

  toError(): ApiError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
