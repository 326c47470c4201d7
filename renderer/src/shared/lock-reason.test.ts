import { describe, expect, it } from "vitest";
import { ConsoleApiError } from "../../../contract/console-api.js";
import { lockDetailKey, lockReasonFromError, lockReasonOf } from "./lock-reason.js";

describe("lockReasonFromError", () => {
  it("reads the bracketed reason main puts in ACCESS_DENIED", () => {
    const err = new ConsoleApiError("ACCESS_DENIED", "[NEEDS_APPLICATION] camera 52030200001320000001 is locked");
    expect(lockReasonFromError(err)).toBe("NEEDS_APPLICATION");
  });
  it("survives contextBridge (only the message is left)", () => {
    expect(lockReasonFromError(new Error("[ACCESS_DENIED] [NOT_SHARED] camera x is locked"))).toBe("NOT_SHARED");
  });
  it("reads a 'REASON: …' prefix from the platform", () => {
    expect(lockReasonFromError(new ConsoleApiError("ACCESS_DENIED", "MEDIA_USE_REQUIRED: media users need the media-use flag"))).toBe(
      "MEDIA_USE_REQUIRED",
    );
  });
  it("gives null when no reason is named", () => {
    expect(lockReasonFromError(new ConsoleApiError("ACCESS_DENIED", "forbidden"))).toBeNull();
    expect(lockReasonFromError(new Error("[ACCESS_DENIED] nope"))).toBeNull();
    expect(lockReasonFromError(undefined)).toBeNull();
    expect(lockReasonFromError("[NOT_LOGGED_IN] session ended")).toBe("NOT_LOGGED_IN");
  });
});

describe("lockReasonOf / keys", () => {
  it("maps access to a reason", () => {
    expect(lockReasonOf({ allowed: true, basis: "UNCONDITIONAL", validUntil: null, refId: null })).toBeNull();
    expect(lockReasonOf({ allowed: false, reason: "NOT_SHARED" })).toBe("NOT_SHARED");
  });
  it("falls back to the generic locked text", () => {
    expect(lockDetailKey(null)).toBe("tile.state.locked");
    expect(lockDetailKey("NEEDS_APPLICATION")).toBe("lock.detail.NEEDS_APPLICATION");
  });
});
