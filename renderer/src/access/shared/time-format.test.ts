import { describe, expect, it } from "vitest";
import { formatDateTime, formatIso, formatRemaining, toDateTimeLocal } from "./time-format.js";

describe("time format", () => {
  it("writes local times and remaining durations compactly", () => {
    const t = new Date(2026, 0, 5, 8, 3, 9).getTime();
    expect(formatDateTime(t)).toBe("2026-01-05 08:03");
    expect(formatDateTime(t, true)).toBe("2026-01-05 08:03:09");
    expect(toDateTimeLocal(t)).toBe("2026-01-05T08:03");
    expect(formatIso(null)).toBe("—");
    expect(formatIso("not a time")).toBe("not a time");
    expect(formatRemaining(3_723_000)).toBe("1:02:03");
    expect(formatRemaining(754_000)).toBe("12:34");
    expect(formatRemaining(4_200)).toBe("0:05");
    expect(formatRemaining(-10)).toBe("0:00");
  });
});
