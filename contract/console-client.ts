// Runs in the preload (Electron) and the renderer (web shell). Builds a ConsoleApi over a raw transport,
// validating every result and event against the contract, so both shells hand the renderer the same object.
import {
  ApiErrorCodeSchema,
  ConsoleApiError,
  consoleEvents,
  consoleMethods,
  type ApiErrorCode,
  type ConsoleApi,
  type ConsoleEventName,
  type ConsoleMethodName,
  type RpcEvent,
  type RpcOutcome,
} from "./console-api.js";

export type ConsoleTransport = {
  /** Sends one call; resolves with the core's response (never rejects for API errors). */
  call(method: ConsoleMethodName, params: unknown): Promise<RpcOutcome>;
  /** Subscribes to every event main pushes. */
  subscribe(listener: (event: RpcEvent) => void): () => void;
};

export function createConsoleClient(transport: ConsoleTransport): ConsoleApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(consoleMethods) as ConsoleMethodName[]) {
    api[name] = async (params: unknown) => {
      const response = await transport.call(name, params ?? {});
      if (!response.ok) throw new ConsoleApiError(response.error.code, response.error.message);
      const parsed = consoleMethods[name].result.safeParse(response.result);
      if (!parsed.success) throw new ConsoleApiError("INTERNAL", `malformed result from ${name}`);
      return parsed.data;
    };
  }
  api.on = (event: ConsoleEventName, listener: (payload: unknown) => void) =>
    transport.subscribe((message) => {
      if (message.event !== event) return;
      const parsed = consoleEvents[event].safeParse(message.payload);
      if (parsed.success) listener(parsed.data);
    });
  return api as ConsoleApi;
}

/**
 * The error code of a failed ConsoleApi call. Electron's contextBridge keeps only an Error's message when a
 * rejection crosses into the page, so ConsoleApiError also writes its code into the message as "[CODE] …".
 */
export function apiErrorCode(err: unknown): ApiErrorCode {
  if (err instanceof ConsoleApiError) return err.code;
  const message = err instanceof Error ? err.message : String(err);
  const match = /\[([A-Z_]+)\]/.exec(message);
  const parsed = ApiErrorCodeSchema.safeParse(match?.[1]);
  return parsed.success ? parsed.data : "INTERNAL";
}
