import { describe, expect, it } from "vitest";
import { parseLayoutJson } from "../../../contract/wall-layout.js";
import { translator } from "../i18n/i18n.js";
import { layoutIssueText } from "./layout-issue-text.js";

const issueOf = (text: string) => {
  const parsed = parseLayoutJson(text);
  if (parsed.ok) throw new Error("expected a bad layout");
  return parsed.issue;
};

describe("layout problems in the user's language", () => {
  const overlap = JSON.stringify({ rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }, { row: 1, col: 1, rowSpan: 1, colSpan: 1 }] });
  const hole = JSON.stringify({ name: "缺一格", layout: { rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 2 }] } });

  it("says what is wrong in Chinese, with every placeholder filled", () => {
    const zh = translator("zh-CN");
    expect(layoutIssueText(issueOf(overlap), zh)).toBe("第 1 个和第 2 个画面在第 2 行第 2 列重叠");
    expect(layoutIssueText(issueOf(hole), zh)).toBe("第 2 行第 1 列没有画面覆盖");
    expect(layoutIssueText(issueOf("{oops"), zh)).toMatch(/^不是 JSON 文件（/);
    for (const text of [overlap, hole, "{oops", JSON.stringify({ rows: 9, cols: 1, cells: [] }), JSON.stringify({ rows: 1, cols: 1, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 3 }] })]) {
      expect(layoutIssueText(issueOf(text), zh)).not.toMatch(/\{\w+\}/);
    }
  });

  it("and in English", () => {
    expect(layoutIssueText(issueOf(overlap), translator("en"))).toBe("cells 1 and 2 overlap at row 2, column 2");
  });
});
