import { describe, expect, it } from "vitest";
import { basisLabelKey, countdownUrgency, drawerTabFor, formatCountdown, remainingSeconds, shortRef } from "./grant-countdown.js";

describe("formatCountdown", () => {
  it("shows mm:ss under an hour", () => {
    expect(formatCountdown(59 * 60_000 + 59_000)).toBe("59:59");
    expect(formatCountdown(65_000)).toBe("01:05");
    expect(formatCountdown(500)).toBe("00:01");
  });
  it("shows h:mm:ss from an hour on", () => {
    expect(formatCountdown(3600_000)).toBe("1:00:00");
    expect(formatCountdown(2 * 3600_000 + 5 * 60_000 + 7_000)).toBe("2:05:07");
  });
  it("rounds up and stops at zero", () => {
    expect(formatCountdown(1)).toBe("00:01");
    expect(formatCountdown(0)).toBe("00:00");
    expect(formatCountdown(-5000)).toBe("00:00");
    expect(remainingSeconds(-1)).toBe(0);
    expect(remainingSeconds(1001)).toBe(2);
  });
});

describe("countdownUrgency", () => {
  it("escalates at 10, 5 and 1 minute", () => {
    expect(countdownUrgency(10 * 60_000 + 1)).toBe("normal");
    expect(countdownUrgency(10 * 60_000)).toBe("warning");
    expect(countdownUrgency(5 * 60_000 + 1)).toBe("warning");
    expect(countdownUrgency(5 * 60_000)).toBe("alert");
    expect(countdownUrgency(60_001)).toBe("alert");
    expect(countdownUrgency(60_000)).toBe("urgent");
    expect(countdownUrgency(1)).toBe("urgent");
    expect(countdownUrgency(0)).toBe("ended");
  });
});

describe("labels", () => {
  it("names each basis and its drawer tab", () => {
    expect(basisLabelKey("GRANT")).toBe("grantBar.basis.GRANT");
    expect(drawerTabFor("APPLICATION")).toBe("applications");
    expect(drawerTabFor("MEDIA_GRANT")).toBe("grants");
  });
  it("shortens long ids only", () => {
    expect(shortRef("G-20250101-01")).toBe("G-20250101-01");
    expect(shortRef("grant-20260930-1f3a9c2e")).toBe("…1f3a9c2e");
    expect(shortRef("app-20260930-0b9d77aa")).toBe("…0b9d77aa");
    expect(shortRef("3f2a9c1e77aa4b4b9d1c0c1d2e3f4a5b")).toBe("…1d2e3f4a5b");
  });
});
