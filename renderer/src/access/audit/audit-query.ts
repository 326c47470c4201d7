// Runs in the renderer (pure). The audit view's filters → the ConsoleApi's AuditQuery, paging, and how an audit
// record is labelled (known actions by name, others by their prefix) and summarized.
import type { AuditQuery, AuditRecord } from "../../../../contract/console-api.js";
import type { MessageKey } from "../../i18n/i18n.js";
import type { Message } from "../shared/form-errors.js";

export const AUDIT_PAGE_SIZE = 100;
export const AUDIT_ACTION_PREFIXES = ["auth", "stream", "program", "application", "grant"] as const;
export type AuditActionPrefix = (typeof AUDIT_ACTION_PREFIXES)[number];

export type AuditFilter = { cameraId: string; username: string; action: AuditActionPrefix | ""; from: string; to: string };
export type AuditFilterField = "cameraId" | "username" | "from" | "to";

export const EMPTY_AUDIT_FILTER: AuditFilter = { cameraId: "", username: "", action: "", from: "", to: "" };

/**
 * A datetime-local value ("2025-01-08T14:03", seconds optional) as local-time ms; null when empty, NaN when it is
 * not such a value.
 */
export function parseLocalDateTime(value: string): number | null {
  const v = value.trim();
  if (v === "") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date.getTime() : Number.NaN;
}

export type AuditQueryResult = { ok: true; query: AuditQuery } | { ok: false; errors: Partial<Record<AuditFilterField, Message>> };

export function auditQuery(filter: AuditFilter, offset: number): AuditQueryResult {
  const errors: Partial<Record<AuditFilterField, Message>> = {};
  const query: AuditQuery = { offset: Math.max(0, Math.floor(offset)), limit: AUDIT_PAGE_SIZE };
  const cameraId = filter.cameraId.trim();
  if (cameraId !== "") {
    if (/^\d{1,20}$/.test(cameraId)) query.cameraId = cameraId;
    else errors.cameraId = { key: "access.audit.err.cameraId" };
  }
  const username = filter.username.trim();
  if (username !== "") {
    if (username.length <= 64) query.username = username;
    else errors.username = { key: "access.err.tooLong", params: { max: 64 } };
  }
  if (filter.action !== "") query.action = filter.action;
  const from = parseLocalDateTime(filter.from);
  const to = parseLocalDateTime(filter.to);
  if (from !== null) {
    if (Number.isNaN(from)) errors.from = { key: "access.audit.err.time" };
    else query.from = from;
  }
  if (to !== null) {
    // The minute picked is included: "to 14:03" means up to 14:03:59.999.
    if (Number.isNaN(to)) errors.to = { key: "access.audit.err.time" };
    else query.to = /:\d{2}:\d{2}$/.test(filter.to.trim()) ? to : to + 59_999;
  }
  if (query.from !== undefined && query.to !== undefined && query.from > query.to) errors.to = { key: "access.audit.err.range" };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, query };
}

export type AuditPaging = { first: number; last: number; total: number; prevOffset: number | null; nextOffset: number | null };

export function auditPaging(offset: number, shown: number, total: number): AuditPaging {
  return {
    first: shown === 0 ? 0 : offset + 1,
    last: offset + shown,
    total,
    prevOffset: offset > 0 ? Math.max(0, offset - AUDIT_PAGE_SIZE) : null,
    nextOffset: offset + shown < total ? offset + AUDIT_PAGE_SIZE : null,
  };
}

const KNOWN_ACTIONS: Record<string, MessageKey> = {
  "auth.login": "access.audit.action.auth.login",
  "auth.login-failed": "access.audit.action.auth.login-failed",
  "auth.logout": "access.audit.action.auth.logout",
  "stream.open": "access.audit.action.stream.open",
  "stream.refused": "access.audit.action.stream.refused",
  "stream.start": "access.audit.action.stream.start",
  "stream.stop": "access.audit.action.stream.stop",
  "stream.extend": "access.audit.action.stream.extend",
  "program.open": "access.audit.action.program.open",
  "application.submit": "access.audit.action.application.submit",
  "application.decide": "access.audit.action.application.decide",
  "application.expire": "access.audit.action.application.expire",
  "grant.request": "access.audit.action.grant.request",
  "grant.decide": "access.audit.action.grant.decide",
  "grant.extend": "access.audit.action.grant.extend",
  "grant.revoke": "access.audit.action.grant.revoke",
  "grant.review": "access.audit.action.grant.review",
  "grant.expire": "access.audit.action.grant.expire",
};

const PREFIX_LABEL: Record<AuditActionPrefix, MessageKey> = {
  auth: "access.audit.prefix.auth",
  stream: "access.audit.prefix.stream",
  program: "access.audit.prefix.program",
  application: "access.audit.prefix.application",
  grant: "access.audit.prefix.grant",
};

/** The label of an action: its own when known, else its prefix's, else "other". */
export function auditActionKey(action: string): MessageKey {
  const known = KNOWN_ACTIONS[action];
  if (known) return known;
  const prefix = action.split(".")[0] ?? "";
  return (AUDIT_ACTION_PREFIXES as readonly string[]).includes(prefix) ? PREFIX_LABEL[prefix as AuditActionPrefix] : "access.audit.prefix.other";
}

export function auditPrefixKey(prefix: AuditActionPrefix): MessageKey {
  return PREFIX_LABEL[prefix];
}

const DETAIL_MAX = 160;

/** The detail of a record on one line: "key=value · key=value", cut at 160 characters. */
export function auditDetailSummary(detail: AuditRecord["detail"]): string {
  const text = Object.entries(detail)
    .filter(([, v]) => v !== null && v !== "")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" · ");
  return text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX - 1)}…` : text;
}
