import { describe, expect, it } from "vitest";
import { rateLimitWaitS } from "./login-errors.js";

describe("rateLimitWaitS", () => {
  it("reads the wait the platform names", () => {
    expect(rateLimitWaitS("[RATE_LIMITED] too many failed logins; try again in 42 s")).toBe(42);
    expect(rateLimitWaitS("请 30 秒后重试")).toBe(30);
  });
  it("gives null when none is named", () => expect(rateLimitWaitS("[RATE_LIMITED] slow down")).toBeNull());
});
