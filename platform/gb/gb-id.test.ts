import { describe, expect, it } from "vitest";
import { formatGbId, parseGbId } from "./gb-id.js";

describe("parseGbId", () => {
  it("splits a Zunyi IPC id into its parts", () => {
    const r = parseGbId("52030200011326000123");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.parts.center).toEqual({ code: "52030200", province: "52", city: "03", county: "02", unit: "00" });
    expect(r.parts.industry).toBe("01");
    expect(r.parts.type).toBe("132");
    expect(r.parts.typeName).toBe("IPC");
    expect(r.parts.network).toBe("6");
    expect(r.parts.networkName).toBe("e-government extranet");
    expect(r.parts.serial).toBe("000123");
    expect(r.parts.isCamera).toBe(true);
    expect(r.parts.civilCode).toBe("520302");
  });

  it("knows non-camera types", () => {
    const r = parseGbId("52030000002160000001");
    expect(r.ok && r.parts.typeName).toBe("virtual organization");
    expect(r.ok && r.parts.isCamera).toBe(false);
  });

  it.each([
    ["5203020001132600012", "20 digits"],
    ["520302000113260001234", "20 digits"],
    ["5203020001132600012a", "20 digits"],
    ["", "20 digits"],
    ["00030200011326000123", "province 00"],
    ["52000200011326000123", "needs a city"],
    ["52030200019996000123", "device type 999"],
    ["52030200011329000123", "network digit 9"],
  ])("rejects %s (%s)", (id, why) => {
    const r = parseGbId(id);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it("round-trips with formatGbId", () => {
    const id = formatGbId("52038200", "04", "131", "7", 42);
    expect(id).toBe("52038200041317000042");
    expect(parseGbId(id).ok).toBe(true);
  });
});
