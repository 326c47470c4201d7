// Runs in the renderer. 审计 (auditors, commanders): the console's local audit log — filter by camera, user, action
// and time — as a dense table (time, action, user, department, camera, basis, detail, uploaded), 100 rows a page.
// Refreshed whenever the tab is shown.
import { useEffect, useState, type FormEvent } from "react";
import type { AuditRecord } from "../../../../contract/console-api.js";
import { useT } from "../../state/use-t.js";
import { reloadAudit, useAccessData } from "../shared/access-data.js";
import { useAuditDrafts } from "./audit-drafts.js";
import { CameraName, FailureText, FieldMessage } from "../shared/access-widgets.js";
import {
  AUDIT_ACTION_PREFIXES,
  EMPTY_AUDIT_FILTER,
  auditActionKey,
  auditDetailSummary,
  auditPaging,
  auditPrefixKey,
  auditQuery,
  type AuditFilter,
  type AuditFilterField,
} from "./audit-query.js";
import type { Message } from "../shared/form-errors.js";
import { formatDateTime } from "../shared/time-format.js";

const BASIS_KEYS = ["OWN_DEPARTMENT", "UNCONDITIONAL", "APPLICATION", "GRANT", "MEDIA_GRANT"] as const;
type BasisKey = (typeof BASIS_KEYS)[number];

function isBasis(b: string | null): b is BasisKey {
  return b !== null && (BASIS_KEYS as readonly string[]).includes(b);
}

export function AuditTab() {
  const t = useT();
  const filter = useAuditDrafts((s) => s.filter);
  const offset = useAuditDrafts((s) => s.offset);
  const audit = useAccessData((s) => s.audit);
  const [errors, setErrors] = useState<Partial<Record<AuditFilterField, Message>>>({});

  const run = (f: AuditFilter, at: number) => {
    const q = auditQuery(f, at);
    if (!q.ok) {
      setErrors(q.errors);
      return;
    }
    setErrors({});
    useAuditDrafts.setState({ offset: at });
    void reloadAudit(q.query);
  };

  useEffect(() => {
    // Shown: fetch afresh with the filters as they stand.
    const s = useAuditDrafts.getState();
    run(s.filter, s.offset);
  }, []);

  const change = (patch: Partial<AuditFilter>) => useAuditDrafts.setState({ filter: { ...filter, ...patch } });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(filter, 0);
  };
  const page = audit.data;
  const paging = page ? auditPaging(audit.query?.offset ?? 0, page.items.length, page.total) : null;

  return (
    <div className="acc-tab acc-audit" data-testid="audit-view">
      <form className="acc-audit__filters" data-testid="audit-filters" noValidate onSubmit={submit}>
        <label className={`acc-field acc-field--inline${errors.cameraId ? " acc-field--invalid" : ""}`}>
          <span className="acc-field__label">{t("access.audit.camera")}</span>
          <input name="cameraId" className="acc-input acc-input--mono" maxLength={20} inputMode="numeric" value={filter.cameraId} onChange={(e) => change({ cameraId: e.target.value })} />
          <FieldMessage name="cameraId" message={errors.cameraId} />
        </label>
        <label className={`acc-field acc-field--inline${errors.username ? " acc-field--invalid" : ""}`}>
          <span className="acc-field__label">{t("access.audit.user")}</span>
          <input name="username" className="acc-input" maxLength={64} value={filter.username} onChange={(e) => change({ username: e.target.value })} />
          <FieldMessage name="username" message={errors.username} />
        </label>
        <label className="acc-field acc-field--inline">
          <span className="acc-field__label">{t("access.audit.action")}</span>
          <select name="action" className="acc-input" value={filter.action} onChange={(e) => change({ action: AUDIT_ACTION_PREFIXES.find((p) => p === e.target.value) ?? "" })}>
            <option value="">{t("access.audit.allActions")}</option>
            {AUDIT_ACTION_PREFIXES.map((p) => (
              <option key={p} value={p}>
                {`${t(auditPrefixKey(p))} (${p})`}
              </option>
            ))}
          </select>
        </label>
        <label className={`acc-field acc-field--inline${errors.from ? " acc-field--invalid" : ""}`}>
          <span className="acc-field__label">{t("access.audit.from")}</span>
          <input name="from" className="acc-input" type="datetime-local" value={filter.from} onChange={(e) => change({ from: e.target.value })} />
          <FieldMessage name="from" message={errors.from} />
        </label>
        <label className={`acc-field acc-field--inline${errors.to ? " acc-field--invalid" : ""}`}>
          <span className="acc-field__label">{t("access.audit.to")}</span>
          <input name="to" className="acc-input" type="datetime-local" value={filter.to} onChange={(e) => change({ to: e.target.value })} />
          <FieldMessage name="to" message={errors.to} />
        </label>
        <div className="acc-audit__buttons">
          <button type="submit" className="btn btn--small btn--primary" data-testid="audit-search">
            {t("access.audit.search")}
          </button>
          <button
            type="button"
            className="btn btn--small"
            data-testid="audit-reset"
            onClick={() => {
              useAuditDrafts.setState({ filter: EMPTY_AUDIT_FILTER });
              run(EMPTY_AUDIT_FILTER, 0);
            }}
          >
            {t("access.audit.reset")}
          </button>
          <button type="button" className="btn btn--small" data-testid="audit-refresh" onClick={() => run(filter, offset)}>
            {t("access.refresh")}
          </button>
        </div>
      </form>
      <div className="acc-toolbar">
        {paging && (
          <span className="acc-hint" data-testid="audit-total" data-total={paging.total}>
            {t("access.audit.paging", { first: paging.first, last: paging.last, total: paging.total })}
          </span>
        )}
        {audit.status === "loading" && <span className="acc-hint">{t("access.loading")}</span>}
        <span className="acc-toolbar__spacer" />
        <button type="button" className="btn btn--small" data-testid="audit-prev" disabled={paging?.prevOffset == null} onClick={() => paging?.prevOffset != null && run(filter, paging.prevOffset)}>
          {t("access.audit.prev")}
        </button>
        <button type="button" className="btn btn--small" data-testid="audit-next" disabled={paging?.nextOffset == null} onClick={() => paging?.nextOffset != null && run(filter, paging.nextOffset)}>
          {t("access.audit.next")}
        </button>
      </div>
      {audit.status === "failed" && audit.failure && <FailureText failure={audit.failure} testId="audit-error" />}
      {page && page.items.length === 0 && <p className="acc-empty">{t("access.audit.empty")}</p>}
      {page && page.items.length > 0 && (
        <div className="acc-audit__scroll">
          <table className="acc-table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t("access.audit.col.time")}</th>
                <th>{t("access.audit.col.action")}</th>
                <th>{t("access.audit.col.user")}</th>
                <th>{t("access.audit.col.department")}</th>
                <th>{t("access.audit.col.camera")}</th>
                <th>{t("access.audit.col.basis")}</th>
                <th>{t("access.audit.col.detail")}</th>
                <th>{t("access.audit.col.uploaded")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <AuditRow key={r.seq} record={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function AuditRow({ record }: { record: AuditRecord }) {
  const t = useT();
  const detail = auditDetailSummary(record.detail);
  return (
    <tr data-testid={`audit-row-${record.seq}`} data-action={record.action} data-uploaded={record.uploaded} title={t("access.audit.rowTitle", { seq: record.seq, id: record.id, terminal: record.terminalId, hash: record.hash })}>
      <td className="acc-table__time">{formatDateTime(record.at, true)}</td>
      <td>
        {t(auditActionKey(record.action))} <span className="acc-mono acc-dim">{record.action}</span>
      </td>
      <td>{record.username ?? "—"}</td>
      <td className="acc-dim">{record.departmentId ?? "—"}</td>
      <td>{record.cameraId ? <CameraName id={record.cameraId} /> : "—"}</td>
      <td>{isBasis(record.basis) ? t(`access.basis.${record.basis}`) : (record.basis ?? "—")}</td>
      <td className="acc-table__detail" title={detail}>
        {detail}
      </td>
      <td className={record.uploaded ? "acc-ok" : "acc-warn"}>{record.uploaded ? "✓" : t("access.audit.pending")}</td>
    </tr>
  );
}
