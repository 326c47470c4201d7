// What a revocation refuses: tickets of its target issued up to its moment, for as long as it is remembered.
import { describe, expect, it } from "vitest";
import { RevocationList, type TicketHolder } from "./revocation-list.js";

const T = 1_700_000_000_000;
const holder = (over: Partial<TicketHolder> = {}): TicketHolder => ({ s: "session-1", u: "user-1", r: "grant-1", i: T, ...over });

describe("revocation list", () => {
  it("matches a ticket by session, by grant or application, or by user, when issued up to the revocation", () => {
    const list = new RevocationList();
    list.add([{ kind: "ref", id: "grant-1", at: T + 10, until: T + 60_000 }], T + 10);
    expect(list.match(holder(), T + 20)?.kind).toBe("ref");
    // Issued after the revocation (the id was decided again, e.g. a user enabled again): not refused.
    expect(list.match(holder({ i: T + 11 }), T + 20)).toBeNull();
    // Standing rules carry no grant.
    expect(list.match(holder({ r: null }), T + 20)).toBeNull();
    list.add([{ kind: "session", id: "session-2", at: T + 10, until: T + 60_000 }, { kind: "user", id: "user-3", at: T + 10, until: T + 60_000 }], T + 10);
    expect(list.match(holder({ s: "session-2", r: null }), T + 20)?.kind).toBe("session");
    expect(list.match(holder({ u: "user-3", r: null }), T + 20)?.kind).toBe("user");
    expect(list.match(holder({ s: "session-9", u: "user-9", r: "application-9" }), T + 20)).toBeNull();
  });

  it("forgets a revocation once tickets issued before it have expired, and keeps the later of two", () => {
    const list = new RevocationList();
    expect(list.add([{ kind: "session", id: "s", at: T, until: T + 1000 }], T)).toBe(1);
    // The same again (a repeated push) changes nothing; a later moment moves it.
    expect(list.add([{ kind: "session", id: "s", at: T, until: T + 1000 }], T)).toBe(0);
    expect(list.add([{ kind: "session", id: "s", at: T + 500, until: T + 1500 }], T)).toBe(1);
    expect(list.match(holder({ s: "s", i: T + 400 }), T + 1000)).not.toBeNull();
    expect(list.match(holder({ s: "s", i: T + 400 }), T + 1500)).toBeNull();
    list.add([], T + 1500);
    expect(list.size).toBe(0);
    // Already past its memory when it arrives: not kept.
    expect(list.add([{ kind: "ref", id: "old", at: T, until: T + 10 }], T + 20)).toBe(0);
  });
});
