// Runs in the renderer (pure). A layout's problem in the user's language: the contract names it as data
// (contract/wall-layout.ts LayoutIssue); main's API message stays English for logs.
import type { LayoutIssue } from "../../../contract/wall-layout.js";
import type { MessageParams, Translate } from "../i18n/i18n.js";

export function layoutIssueText(issue: LayoutIssue, t: Translate): string {
  const { code, ...params } = issue;
  return t(`layoutIssue.${code}`, params as MessageParams);
}
