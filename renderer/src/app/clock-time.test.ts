import { describe, expect, it } from "vitest";
import { clockTime, secondsUntil } from "./clock-time.js";

describe("clockTime", () => {
  const now = new Date(2025, 5, 12, 14, 30).getTime();
  it("shows HH:MM for today", () => expect(clockTime(new Date(2025, 5, 12, 9, 5).getTime(), "zh-CN", now)).toBe("09:05"));
  it("adds the date otherwise", () => {
    expect(clockTime(new Date(2025, 5, 11, 23, 59).getTime(), "zh-CN", now)).toBe("6月11日 23:59");
    expect(clockTime(new Date(2025, 5, 11, 23, 59).getTime(), "en", now)).toBe("06-11 23:59");
  });
});

describe("secondsUntil", () => {
  it("rounds up and stops at zero", () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1);
    expect(secondsUntil(9_000, 10_000)).toBe(0);
  });
});
