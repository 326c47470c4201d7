import { beforeEach, describe, expect, it } from "vitest";
import { useConsoleStore } from "./console-store.js";

const store = () => useConsoleStore.getState();

describe("notices", () => {
  beforeEach(() => useConsoleStore.setState({ notices: [] }));

  it("keeps one warning per grant, the latest", () => {
    store().pushNotice({ kind: "grantWarning", refId: "G-1", minutesLeft: 10, validUntil: 100 });
    store().pushNotice({ kind: "grantWarning", refId: "G-2", minutesLeft: 10, validUntil: 200 });
    store().pushNotice({ kind: "grantWarning", refId: "G-1", minutesLeft: 5, validUntil: 100 });
    const warnings = store().notices.filter((n) => n.kind === "grantWarning");
    expect(warnings.map((n) => [n.refId, n.minutesLeft])).toEqual([
      ["G-2", 10],
      ["G-1", 5],
    ]);
  });

  it("caps errors at four without pushing warnings out", () => {
    store().pushNotice({ kind: "grantWarning", refId: "G-1", minutesLeft: 1, validUntil: 100 });
    for (let i = 0; i < 6; i++) store().pushNotice({ action: "action.clearTile", errorCode: "INTERNAL" });
    expect(store().notices.filter((n) => n.kind === "error")).toHaveLength(4);
    expect(store().notices.filter((n) => n.kind === "grantWarning")).toHaveLength(1);
  });
});
