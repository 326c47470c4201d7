// Runs in the renderer. 应急授权: the emergency grants (incident, kind, scope, status, a break-glass grant's review,
// validity window with the time left on the console's access clock, a pending extension, why it ended), the
// commander's grant form, and the row actions: extend (minutes + reason) and revoke (reason, confirmed).
import { useState } from "react";
import type { Grant, Incident } from "../../../../contract/platform-api.js";
import { useT } from "../../state/use-t.js";
import { useAccessNow, useAccessState } from "../../state/access-state.js";
import { useConsoleStore } from "../../state/console-store.js";
import { accessActions, reloadGrants, useAccessData } from "../shared/access-data.js";
import { useGrantDrafts } from "./grant-drafts.js";
import { DetailLine, FieldMessage, ListToolbar, LoadLine, RowAction, ScopeView, StatusBadge, TextAction } from "../shared/access-widgets.js";
import { useRoles } from "../shared/use-roles.js";
import { checkExtend, checkRevoke } from "./grant-changes.js";
import { GRANT_MINUTES_MAX } from "./grant-form.js";
import { GrantForm } from "./GrantForm.js";
import { grantEndsAt, remainingMs, sortGrants } from "./grant-view.js";
import { grantBadge, grantKindKey, grantReviewBadge } from "../shared/status-badges.js";
import { formatIso, formatRemaining } from "../shared/time-format.js";
import { useCheckedSubmit } from "../shared/use-checked-submit.js";

const NO_INCIDENTS: readonly Incident[] = [];

export function GrantsTab() {
  const t = useT();
  const roles = useRoles();
  const grants = useAccessData((s) => s.grants);
  const incidents = useAccessData((s) => s.incidents.data ?? NO_INCIDENTS);
  const formOpen = useGrantDrafts((s) => s.formOpen);
  const cartSize = useConsoleStore((s) => s.grantCart.length);
  const commander = roles.includes("commander");
  const items = sortGrants(grants.data ?? []);
  const setFormOpen = (open: boolean) => useGrantDrafts.setState({ formOpen: open });

  return (
    <div className="acc-tab" data-testid="grants-view">
      <ListToolbar
        form={commander ? { open: formOpen, label: "access.grant.new", cartSize, testId: "grant-new", onToggle: () => setFormOpen(!formOpen) } : null}
        count={t("access.grant.count", { n: items.length })}
        refreshTestId="grants-refresh"
        onRefresh={() => void reloadGrants()}
      />
      <p className="acc-note">{t("access.grant.rules")}</p>
      {commander && formOpen && <GrantForm onDone={() => setFormOpen(false)} />}
      <LoadLine load={grants} onRetry={() => void reloadGrants()} />
      {grants.status === "ready" && items.length === 0 && <p className="acc-empty">{t("access.grant.empty")}</p>}
      <ul className="acc-list" data-testid="grant-list">
        {items.map((g) => (
          <GrantRow key={g.id} grant={g} incident={incidents.find((i) => i.id === g.incidentId) ?? null} canManage={commander || roles.includes("approver")} />
        ))}
      </ul>
    </div>
  );
}

export function IncidentLine({ grant, incident }: { grant: Grant; incident: Incident | null }) {
  const t = useT();
  return (
    <span className="acc-row__title">
      {grant.incidentTitle}
      {incident && (
        <span className="acc-row__meta">
          {" · "}
          {t(`access.incidentType.${incident.type}`)}
          {" · "}
          {t("access.grant.levelOption", { level: incident.level, name: t(`access.incidentLevel.${incident.level}`) })}
          {" · "}
          {incident.regionName}
        </span>
      )}
    </span>
  );
}

/** What a grant covers, and for which department. */
export function GrantScopeLine({ grant }: { grant: Grant }) {
  const t = useT();
  return (
    <div className="acc-row__line">
      <span className="acc-row__key">{t("access.grant.scope")}</span>
      <ScopeView scope={grant.scope} />
      <span className="acc-row__meta">{grant.departmentName}</span>
    </div>
  );
}

/** Why the grant was asked for, by whom and when. */
export function GrantReasonLine({ grant }: { grant: Grant }) {
  const t = useT();
  return <DetailLine label={t("access.grant.field.reason")} text={grant.reason} meta={t("access.grant.requestedBy", { name: grant.requestedBy, time: formatIso(grant.requestedAt) })} />;
}

/** The validity window, the time left on the console's access clock while active, and how often it was extended. */
export function GrantValidityLine({ grant }: { grant: Grant }) {
  const t = useT();
  const active = useAccessState((s) => s.state?.active);
  const now = useAccessNow(1000);
  const left = remainingMs(grantEndsAt(grant, active ?? []), now);
  return (
    <div className="acc-row__line" data-testid={`grant-validity-${grant.id}`}>
      <span className="acc-row__key">{t("access.grant.validity")}</span>
      {grant.validFrom ? (
        <span>{t("access.grant.window", { from: formatIso(grant.validFrom), to: formatIso(grant.validUntil) })}</span>
      ) : (
        <span>{t("access.grant.pendingWindow", { n: grant.minutes })}</span>
      )}
      {left !== null && (
        <span className={`acc-remaining${left < 60_000 ? " acc-remaining--last" : left < 600_000 ? " acc-remaining--soon" : ""}`} data-testid={`grant-remaining-${grant.id}`}>
          {t("access.grant.remaining", { time: formatRemaining(left) })}
        </span>
      )}
      {grant.extensions > 0 && <span className="acc-row__meta">{t("access.grant.extensions", { n: grant.extensions })}</span>}
    </div>
  );
}

/** Why the grant ended early or was refused, and by whom; nothing while it runs. */
export function GrantEndLine({ grant }: { grant: Grant }) {
  const t = useT();
  if (!grant.endReason) return null;
  return (
    <div className="acc-row__line acc-decision">
      <span className="acc-row__key">{t(grant.status === "rejected" ? "access.grant.refusedReason" : "access.grant.endReason")}</span>
      {grant.endReason}
      {grant.endedBy && <span className="acc-row__meta">{grant.endedBy}</span>}
    </div>
  );
}

/** 待复核 / 已复核 on a break-glass grant; the tooltip says who reviewed it, when, and what they noted. */
function GrantReviewState({ grant }: { grant: Grant }) {
  const t = useT();
  const badge = grantReviewBadge(grant);
  if (!badge) return null;
  const { review } = grant;
  const title = review ? t("access.review.detail", { by: review.by, time: formatIso(review.at), note: review.note }) : t("access.review.pendingTitle");
  return <StatusBadge badge={badge} testId={`grant-review-state-${grant.id}`} title={title} data-reviewed={review !== null} />;
}

/** Extend and revoke: the requesting department's commander or an approver (the platform checks the department). */
function GrantRow({ grant, incident, canManage }: { grant: Grant; incident: Incident | null; canManage: boolean }) {
  const t = useT();
  return (
    <li className={`acc-row acc-row--grant acc-row--${grant.status}`} data-testid={`grant-row-${grant.id}`} data-status={grant.status} data-kind={grant.kind}>
      <div className="acc-row__head">
        <span className={`acc-badge acc-badge--kind-${grant.kind}`}>{t(grantKindKey(grant.kind))}</span>
        {grant.basis === "MEDIA_GRANT" && <span className="acc-badge acc-badge--info">{t("access.grant.mediaBadge")}</span>}
        <StatusBadge badge={grantBadge(grant)} testId={`grant-status-${grant.id}`} />
        <GrantReviewState grant={grant} />
        <IncidentLine grant={grant} incident={incident} />
      </div>
      <GrantScopeLine grant={grant} />
      <GrantValidityLine grant={grant} />
      <GrantReasonLine grant={grant} />
      {grant.extension && (
        <div className="acc-row__line acc-pending" data-testid={`grant-extension-${grant.id}`}>
          <span className="acc-row__key">{t("access.grant.extensionPending")}</span>
          {t("access.grant.extensionText", { n: grant.extension.minutes, reason: grant.extension.reason })}
        </div>
      )}
      <GrantEndLine grant={grant} />
      {grant.review && (
        <DetailLine
          label={t("access.review.noteKey")}
          text={grant.review.note}
          meta={t("access.review.by", { name: grant.review.by, time: formatIso(grant.review.at) })}
          testId={`grant-review-note-${grant.id}`}
        />
      )}
      {canManage && (grant.status === "active" || grant.status === "requested") && (
        <div className="acc-row__actions">
          {grant.status === "active" && grant.extension === null && <ExtendAction grant={grant} />}
          <RevokeAction grant={grant} />
        </div>
      )}
    </li>
  );
}

/** 申请延长: the first click opens minutes and reason; the same button then sends them. */
function ExtendAction({ grant }: { grant: Grant }) {
  const t = useT();
  const maxTotal = useAccessData((s) => s.policy.data?.maxTotalMinutes ?? null);
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState(String(Math.min(grant.minutes, 30)));
  const [reason, setReason] = useState("");
  const { errors, failure, busy, submit } = useCheckedSubmit<"minutes" | "reason">();

  const send = async () => {
    if (!(await submit(checkExtend(grant.id, minutes, reason), accessActions.extendGrant))) return;
    setOpen(false);
    setReason("");
  };

  return (
    <RowAction
      open={open}
      onOpen={setOpen}
      onSend={() => void send()}
      busy={busy}
      failure={failure}
      failureTestId={`grant-extend-error-${grant.id}`}
      button={{ className: "btn btn--small", testId: `grant-extend-${grant.id}`, label: t(open ? "access.grant.extendSend" : "access.grant.extend") }}
    >
      <label className="acc-field acc-field--inline">
        <span className="acc-field__label">{t("access.grant.extendMinutes")}</span>
        <input name="extendMinutes" className="acc-input acc-input--number" type="number" min={1} max={GRANT_MINUTES_MAX} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
        <FieldMessage name="extendMinutes" message={errors.minutes} />
      </label>
      <label className="acc-field acc-field--inline acc-field--grow">
        <span className="acc-field__label">{t("access.grant.extendReason")}</span>
        <input name="extendReason" className="acc-input" maxLength={550} value={reason} onChange={(e) => setReason(e.target.value)} />
        <FieldMessage name="extendReason" message={errors.reason} />
      </label>
      <p className="acc-hint">
        {t(grant.kind === "special" ? "access.grant.extendSpecial" : "access.grant.extendNow")}
        {maxTotal !== null && ` ${t("access.grant.extendTotal", { n: maxTotal })}`}
      </p>
    </RowAction>
  );
}

/** 撤销授权 (撤回 while it waits for approval): the first click asks for the reason; the same button (now 确认撤销) ends it. */
function RevokeAction({ grant }: { grant: Grant }) {
  const t = useT();
  return (
    <TextAction
      field="reason"
      name="revokeReason"
      label={t("access.grant.revokeReason")}
      check={(reason) => checkRevoke(grant.id, reason)}
      action={accessActions.revokeGrant}
      failureTestId={`grant-revoke-error-${grant.id}`}
      button={{
        className: "btn btn--small btn--danger",
        testId: `grant-revoke-${grant.id}`,
        label: (open) => t(open ? "access.grant.revokeSend" : grant.status === "active" ? "access.grant.revoke" : "access.grant.withdraw"),
      }}
    >
      <p className="acc-note acc-note--warn">{t(grant.status === "active" ? "access.grant.revokeConfirm" : "access.grant.withdrawConfirm")}</p>
    </TextAction>
  );
}
