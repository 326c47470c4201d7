import { describe, expect, it } from "vitest";
import { REVOCATION_MEMORY_MS, RevokedSessions } from "./revoked-sessions.js";

describe("revoked sessions", () => {
  it("remembers a revocation longer than any token lives, then forgets it", () => {
    const revoked = new RevokedSessions();
    revoked.add("a", 0);
    revoked.add("b", 1000);
    expect(revoked.has("a")).toBe(true);
    expect(revoked.list(REVOCATION_MEMORY_MS - 1)).toEqual(["a", "b"]);
    expect(revoked.list(REVOCATION_MEMORY_MS + 500)).toEqual(["b"]);
    expect(revoked.has("a")).toBe(false);
  });
});
