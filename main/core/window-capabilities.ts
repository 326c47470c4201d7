// Runs in main. Pure: what each kind of window may call and hear. The console window may do everything; a
// program-output window (one tile, full screen, shown to the public for media live coverage) may only follow the
// wall and play its tile's program stream — never approve, grant, apply, read the audit log, drive the wall or
// move the test clock. Both shells enforce it: the Electron IPC bridge by the sender's window, the web shell by
// what the API connection declared.
import { consoleEvents, consoleMethods, type ApiError, type ConsoleEventName, type ConsoleMethodName } from "../../contract/console-api.js";

export const WINDOW_KINDS = ["console", "program"] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

type Capability = { methods: ReadonlySet<ConsoleMethodName>; events: ReadonlySet<ConsoleEventName> };

const EVERYTHING: Capability = {
  methods: new Set(Object.keys(consoleMethods) as ConsoleMethodName[]),
  events: new Set(Object.keys(consoleEvents) as ConsoleEventName[]),
};

/** Exactly what renderer/src/program/ProgramOutput.tsx needs to show one tile. */
const PROGRAM_OUTPUT: Capability = {
  methods: new Set<ConsoleMethodName>(["getBootstrap", "getSession", "getWall", "getCamera", "getAccessState", "openStream", "closeStream"]),
  events: new Set<ConsoleEventName>(["wallChanged", "relayStatus", "localeChanged", "sessionChanged", "platformStatus", "catalogChanged", "accessState", "streamEnded"]),
};

export const WINDOW_CAPABILITIES: Readonly<Record<WindowKind, Capability>> = { console: EVERYTHING, program: PROGRAM_OUTPUT };

/** Why `kind` may not make this call, or null when it may. Params are checked only where a method's reach differs. */
export function capabilityRefusal(kind: WindowKind, method: string, params: unknown): ApiError | null {
  // The console may call everything (unknown methods are the core's to answer); a program window is refused
  // anything outside its set, known or not.
  if (kind === "console") return null;
  if (!WINDOW_CAPABILITIES[kind].methods.has(method as ConsoleMethodName)) {
    return { code: "FORBIDDEN", message: `${method}: not available to a ${kind}-output window` };
  }
  // The program output shows only what is cleared for public dissemination: its streams are program streams,
  // whose media-use check the core applies (a wall stream would skip it).
  if (method === "openStream" && !(isRecord(params) && params.output === "program")) {
    return { code: "FORBIDDEN", message: `openStream: a ${kind}-output window opens program streams only (output: "program")` };
  }
  return null;
}

export function mayReceive(kind: WindowKind, event: ConsoleEventName): boolean {
  return WINDOW_CAPABILITIES[kind].events.has(event);
}

/** The kind an API connection declares (web shell `/api?view=…`): absent is the console; anything unknown is null. */
export function parseWindowKind(raw: string | null): WindowKind | null {
  if (raw === null || raw === "console") return "console";
  return raw === "program" ? "program" : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
