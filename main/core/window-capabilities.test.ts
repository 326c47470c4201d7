// Runs in Vitest (Node). The capability sets per window kind: what a program-output window may never do.
import { describe, expect, it } from "vitest";
import { consoleEvents, consoleMethods, type ConsoleEventName, type ConsoleMethodName } from "../../contract/console-api.js";
import { capabilityRefusal, mayReceive, parseWindowKind, WINDOW_CAPABILITIES } from "./window-capabilities.js";

const methods = Object.keys(consoleMethods) as ConsoleMethodName[];

describe("the console window", () => {
  it("may call every method and hear every event", () => {
    for (const m of methods) expect(capabilityRefusal("console", m, {}), m).toBeNull();
    for (const e of Object.keys(consoleEvents) as ConsoleEventName[]) expect(mayReceive("console", e), e).toBe(true);
  });
});

describe("a program-output window", () => {
  it("is refused approvals, grants, applications, the audit log, the wall's controls, login and the test clock", () => {
    const never = methods.filter((m) => /Grant|Application|Audit|TestClock|Incident|DueDate/.test(m));
    expect(never.length).toBeGreaterThan(10);
    for (const m of [...never, "assignTile", "swapTiles", "clearTile", "setLayout", "setMaximized", "setFavorite", "login", "logout", "setLocale", "openProgramOutput"] as const) {
      expect(capabilityRefusal("program", m, {}), m).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("is refused methods that do not exist, without learning which exist", () => {
    expect(capabilityRefusal("program", "noSuchMethod", {})).toMatchObject({ code: "FORBIDDEN" });
  });

  it("has a set that names only real methods", () => {
    for (const m of WINDOW_CAPABILITIES.program.methods) expect(methods).toContain(m);
  });

  it("opens program streams only", () => {
    expect(capabilityRefusal("program", "openStream", { tile: 1, output: "program" })).toBeNull();
    expect(capabilityRefusal("program", "openStream", { tile: 1, output: "wall" })).toMatchObject({ code: "FORBIDDEN" });
    expect(capabilityRefusal("program", "openStream", { tile: 1 })).toMatchObject({ code: "FORBIDDEN" });
    expect(capabilityRefusal("program", "openStream", null)).toMatchObject({ code: "FORBIDDEN" });
  });

  it("hears the wall, session and access, not application or grant records", () => {
    expect(mayReceive("program", "wallChanged")).toBe(true);
    expect(mayReceive("program", "streamEnded")).toBe(true);
    expect(mayReceive("program", "accessRecordsChanged")).toBe(false);
    expect(mayReceive("program", "grantWarning")).toBe(false);
  });
});

describe("parseWindowKind", () => {
  it("reads what a connection declares; absent is the console", () => {
    expect(parseWindowKind(null)).toBe("console");
    expect(parseWindowKind("console")).toBe("console");
    expect(parseWindowKind("program")).toBe("program");
    expect(parseWindowKind("admin")).toBeNull();
    expect(parseWindowKind("")).toBeNull();
  });
});
