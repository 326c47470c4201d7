// Runs in the renderer. 审批 (approver role, the city coordinator): pending applications — approve all, approve the
// cameras still checked (partial), for at most the requested days, or reject with a reason — emergency grants
// waiting (special authorizations, extension requests) — approve, or refuse with a reason — and break-glass grants
// to review after the fact (a note). Overdue items first (approvals-order).
import { useState } from "react";
import type { Application, Grant, GrantDecision, Incident } from "../../../../contract/platform-api.js";
import { useT } from "../../state/use-t.js";
import { useAccessNow } from "../../state/access-state.js";
import { accessActions, reloadApplications, reloadGrants, useAccessData } from "../shared/access-data.js";
import { CameraName, CancelButton, DetailLine, FailureText, FieldMessage, LoadLine, ReasonBox, ScopeView, StatusBadge, TextAction } from "../shared/access-widgets.js";
import { pendingApprovals, type ApprovalItem } from "./approvals-order.js";
import { checkApprove, checkRefuse, checkReject, checkReview } from "./decision-forms.js";
import { dueCountdown, type DueState } from "../applications/due-countdown.js";
import type { Checked } from "../shared/form-errors.js";
import { GrantEndLine, GrantReasonLine, GrantScopeLine, GrantValidityLine, IncidentLine } from "../grants/GrantsTab.js";
import { grantBadge, grantKindKey } from "../shared/status-badges.js";
import { formatIso } from "../shared/time-format.js";
import { useCheckedSubmit } from "../shared/use-checked-submit.js";

const NO_APPS: readonly Application[] = [];
const NO_GRANTS: readonly Grant[] = [];
const NO_INCIDENTS: readonly Incident[] = [];

export function ApprovalsTab() {
  const t = useT();
  const applications = useAccessData((s) => s.applications);
  const grants = useAccessData((s) => s.grants);
  const incidents = useAccessData((s) => s.incidents.data ?? NO_INCIDENTS);
  const now = useAccessNow(60_000);
  const items = pendingApprovals(applications.data ?? NO_APPS, grants.data ?? NO_GRANTS, now);
  const reviews = items.filter((i): i is ApprovalItem & { kind: "review" } => i.kind === "review");
  const incidentOf = (grant: Grant) => incidents.find((i) => i.id === grant.incidentId) ?? null;
  const ready = applications.status !== "idle" && grants.status !== "idle" && applications.data !== null && grants.data !== null;
  const refresh = () => {
    void reloadApplications();
    void reloadGrants();
  };
  return (
    <div className="acc-tab" data-testid="approvals-view">
      <div className="acc-toolbar">
        <span className="acc-hint">{t("access.approve.count", { n: items.length })}</span>
        <span className="acc-toolbar__spacer" />
        <button type="button" className="btn btn--small" data-testid="approvals-refresh" onClick={refresh}>
          {t("access.refresh")}
        </button>
      </div>
      <LoadLine load={applications} onRetry={() => void reloadApplications()} />
      <LoadLine load={grants} onRetry={() => void reloadGrants()} />
      {ready && items.length === 0 && <p className="acc-empty">{t("access.approve.empty")}</p>}
      <ul className="acc-list" data-testid="approval-list">
        {items.map((item) => {
          if (item.kind === "application") return <ApplicationApproval key={`a-${item.id}`} app={item.application} due={item.due} />;
          if (item.kind === "grant") return <GrantApproval key={`g-${item.id}`} grant={item.grant} extension={item.extension} incident={incidentOf(item.grant)} />;
          // The reviews come in one run (approvals-order): their section stands where the first one is.
          return item === reviews[0] ? <ReviewSection key="reviews" reviews={reviews} incidentOf={incidentOf} /> : null;
        })}
      </ul>
    </div>
  );
}

function ApplicationApproval({ app, due }: { app: Application; due: DueState }) {
  const t = useT();
  const asked = app.scope.kind === "cameras" ? app.scope.cameraIds : [];
  const [checked, setChecked] = useState<readonly string[]>(asked);
  const [validDays, setValidDays] = useState(String(app.validDays));
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const { errors, failure, busy, submit } = useCheckedSubmit<"validDays" | "cameras" | "reason">();
  const countdown = dueCountdown(due);
  const partial = asked.length > 0 && checked.length < asked.length;

  const approve = () => submit(checkApprove(app.id, validDays, app.validDays, asked, checked), accessActions.decideApplication);

  const reject = async () => {
    if (!rejecting) {
      setRejecting(true);
      return;
    }
    await submit(checkReject(app.id, reason), accessActions.decideApplication);
  };

  const toggle = (id: string, on: boolean) => setChecked((c) => (on ? asked.filter((x) => x === id || c.includes(x)) : c.filter((x) => x !== id)));

  return (
    <li className={`acc-row acc-approval${due.overdue ? " acc-row--overdue" : ""}`} data-testid={`approval-application-${app.id}`} data-overdue={due.overdue}>
      <div className="acc-row__head">
        <span className="acc-badge acc-badge--info">{t("access.approve.application")}</span>
        {due.overdue && <span className="acc-badge acc-badge--bad">{t("access.due.overdueFlag")}</span>}
        <span className="acc-row__title">{app.applicantDepartment}</span>
        <span className="acc-row__meta">{t("access.app.submittedBy", { name: app.applicant.displayName, time: formatIso(app.submittedAt) })}</span>
      </div>
      <div className={`acc-row__line acc-due${due.overdue ? " acc-due--overdue" : ""}`}>
        <span className="acc-row__key">{t("access.due.label")}</span>
        {app.due}
        {app.dueProvisional && <span className="acc-provisional">{t("access.due.provisional")}</span>}
        {countdown && <span className="acc-due__countdown">{t(countdown.key, countdown.params)}</span>}
      </div>
      <DetailLine label={t("access.app.field.contact")} text={app.contact} />
      <DetailLine label={t("access.app.field.reason")} text={app.reason} />
      <DetailLine label={t("access.app.field.purpose")} text={app.purpose} />
      <DetailLine label={t("access.app.field.useScope")} text={app.useScope} />
      <DetailLine label={t("access.app.field.securityMeasures")} text={app.securityMeasures} />
      <div className="acc-row__line">
        <span className="acc-row__key">{t("access.app.asked")}</span>
        {app.scope.kind === "cameras" ? (
          <span className="acc-approve-cameras" role="group" aria-label={t("access.approve.pickCameras")}>
            {asked.map((id) => (
              <label key={id} className="acc-check acc-chip">
                <input type="checkbox" data-testid={`approve-camera-${app.id}-${id}`} checked={checked.includes(id)} onChange={(e) => toggle(id, e.target.checked)} />
                <CameraName id={id} />
              </label>
            ))}
          </span>
        ) : (
          <ScopeView scope={app.scope} />
        )}
      </div>
      <FieldMessage name="cameras" message={errors.cameras} />
      <div className="acc-row__actions">
        <label className="acc-field acc-field--inline">
          <span className="acc-field__label">{t("access.approve.validDays", { n: app.validDays })}</span>
          <input
            name="approveValidDays"
            className="acc-input acc-input--number"
            type="number"
            min={1}
            max={app.validDays}
            value={validDays}
            onChange={(e) => setValidDays(e.target.value)}
          />
          <FieldMessage name="approveValidDays" message={errors.validDays} />
        </label>
        <button type="button" className="btn btn--small btn--primary" data-testid={`approve-${app.id}`} disabled={busy} onClick={() => void approve()}>
          {partial ? t("access.approve.approvePart", { n: checked.length, total: asked.length }) : t("access.approve.approveAll")}
        </button>
        <button type="button" className="btn btn--small btn--danger" data-testid={`reject-${app.id}`} disabled={busy} onClick={() => void reject()}>
          {t(rejecting ? "access.approve.rejectSend" : "access.approve.reject")}
        </button>
        {rejecting && <CancelButton onClick={() => setRejecting(false)} />}
      </div>
      {rejecting && <ReasonBox name="rejectReason" label={t("access.approve.rejectReason")} value={reason} onChange={setReason} error={errors.reason} />}
      {failure && <FailureText failure={failure} testId={`approval-error-${app.id}`} />}
    </li>
  );
}

function GrantApproval({ grant, extension, incident }: { grant: Grant; extension: boolean; incident: Incident | null }) {
  const t = useT();
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState("");
  const { errors, failure, busy, submit } = useCheckedSubmit<"reason">();

  const decide = async (approve: boolean) => {
    if (!approve && !refusing) {
      setRefusing(true);
      return;
    }
    const decision: Checked<GrantDecision, "reason"> = approve ? { ok: true, value: { grantId: grant.id, approve: true } } : checkRefuse(grant.id, reason);
    await submit(decision, accessActions.decideGrant);
  };

  return (
    <li className="acc-row acc-approval acc-approval--grant" data-testid={`approval-grant-${grant.id}`} data-extension={extension}>
      <div className="acc-row__head">
        <span className={`acc-badge acc-badge--kind-${grant.kind}`}>{t(grantKindKey(grant.kind))}</span>
        <span className="acc-badge acc-badge--warn">{t(extension ? "access.approve.extension" : "access.approve.special")}</span>
        <StatusBadge badge={grantBadge(grant)} />
        <IncidentLine grant={grant} incident={incident} />
      </div>
      <GrantScopeLine grant={grant} />
      <div className="acc-row__line">
        <span className="acc-row__key">{t("access.grant.validity")}</span>
        {extension && grant.extension ? (
          <>
            <span>{t("access.grant.extensionText", { n: grant.extension.minutes, reason: grant.extension.reason })}</span>
            {grant.validUntil && <span className="acc-row__meta">{t("access.approve.currentEnd", { time: formatIso(grant.validUntil) })}</span>}
          </>
        ) : (
          <span>{t("access.grant.pendingWindow", { n: grant.minutes })}</span>
        )}
      </div>
      <GrantReasonLine grant={grant} />
      <div className="acc-row__actions">
        <button type="button" className="btn btn--small btn--primary" data-testid={`grant-approve-${grant.id}`} disabled={busy} onClick={() => void decide(true)}>
          {t(extension ? "access.approve.grantExtend" : "access.approve.grantApprove")}
        </button>
        <button type="button" className="btn btn--small btn--danger" data-testid={`grant-refuse-${grant.id}`} disabled={busy} onClick={() => void decide(false)}>
          {t(refusing ? "access.approve.refuseSend" : "access.approve.refuse")}
        </button>
        {refusing && <CancelButton onClick={() => setRefusing(false)} />}
      </div>
      {refusing && <ReasonBox name="refuseReason" label={t("access.approve.refuseReason")} value={reason} onChange={setReason} error={errors.reason} />}
      {failure && <FailureText failure={failure} testId={`approval-error-${grant.id}`} />}
    </li>
  );
}

/** 待复核的紧急授权: the break-glass grants the approver has not reviewed yet, whatever their status. */
function ReviewSection({ reviews, incidentOf }: { reviews: readonly { grant: Grant }[]; incidentOf(grant: Grant): Incident | null }) {
  const t = useT();
  return (
    <li className="acc-section" data-testid="approval-reviews">
      <h3 className="acc-section__title">
        {t("access.review.section")}
        <span className="acc-count">{reviews.length}</span>
      </h3>
      <p className="acc-hint">{t("access.review.sectionHint")}</p>
      <ul className="acc-list">
        {reviews.map(({ grant }) => (
          <GrantReviewApproval key={`r-${grant.id}`} grant={grant} incident={incidentOf(grant)} />
        ))}
      </ul>
    </li>
  );
}

/** 复核通过: a break-glass grant took effect at once; the approver checks it afterwards and notes why it stands. */
function GrantReviewApproval({ grant, incident }: { grant: Grant; incident: Incident | null }) {
  const t = useT();
  return (
    <li className={`acc-row acc-approval acc-approval--review acc-row--${grant.status}`} data-testid={`approval-review-${grant.id}`} data-status={grant.status}>
      <div className="acc-row__head">
        <span className={`acc-badge acc-badge--kind-${grant.kind}`}>{t(grantKindKey(grant.kind))}</span>
        <StatusBadge badge={grantBadge(grant)} />
        <IncidentLine grant={grant} incident={incident} />
      </div>
      <GrantScopeLine grant={grant} />
      <GrantValidityLine grant={grant} />
      <GrantReasonLine grant={grant} />
      <GrantEndLine grant={grant} />
      <div className="acc-row__actions">
        <TextAction
          field="note"
          name="reviewNote"
          label={t("access.review.note")}
          check={(note) => checkReview(grant.id, note)}
          action={accessActions.reviewGrant}
          failureTestId={`approval-error-${grant.id}`}
          button={{ className: "btn btn--small btn--primary", testId: `grant-review-${grant.id}`, label: (open) => t(open ? "access.review.send" : "access.review.open") }}
        />
      </div>
    </li>
  );
}
