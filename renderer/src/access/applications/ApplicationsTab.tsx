// Runs in the renderer. 申请: the department's conditional-share applications (status, what was asked for, the answer
// deadline with its countdown and overdue flag, the decision) and the new-application form.
import type { Application } from "../../../../contract/platform-api.js";
import { useT } from "../../state/use-t.js";
import { useAccessNow } from "../../state/access-state.js";
import { useConsoleStore } from "../../state/console-store.js";
import { reloadApplications, useAccessData } from "../shared/access-data.js";
import { useApplicationDrafts } from "./application-drafts.js";
import { ListToolbar, LoadLine, ScopeView, StatusBadge } from "../shared/access-widgets.js";
import { ApplicationForm } from "./ApplicationForm.js";
import { dueCountdown, dueState } from "./due-countdown.js";
import { applicationBadge } from "../shared/status-badges.js";
import { formatIso } from "../shared/time-format.js";

const DEFAULT_WORKING_DAYS = 3;

export function ApplicationsTab() {
  const t = useT();
  const applications = useAccessData((s) => s.applications);
  const formOpen = useApplicationDrafts((s) => s.formOpen);
  const cartSize = useConsoleStore((s) => s.applicationCart.length);
  const workingDays = useAccessData((s) => s.duePreview.data?.workingDays ?? s.policy.data?.answerDeadlineDays ?? DEFAULT_WORKING_DAYS);
  const items = applications.data ?? [];
  const setFormOpen = (open: boolean) => useApplicationDrafts.setState({ formOpen: open });

  return (
    <div className="acc-tab" data-testid="applications-view">
      <ListToolbar
        form={{ open: formOpen, label: "access.app.new", cartSize, testId: "application-new", onToggle: () => setFormOpen(!formOpen) }}
        count={t("access.app.count", { n: items.length })}
        refreshTestId="applications-refresh"
        onRefresh={() => void reloadApplications()}
      />
      {formOpen && <ApplicationForm onDone={() => setFormOpen(false)} />}
      <LoadLine load={applications} onRetry={() => void reloadApplications()} />
      {applications.status === "ready" && items.length === 0 && <p className="acc-empty">{t("access.app.empty")}</p>}
      <ul className="acc-list" data-testid="application-list">
        {items.map((a) => (
          <ApplicationRow key={a.id} app={a} workingDays={workingDays} />
        ))}
      </ul>
    </div>
  );
}

function ApplicationRow({ app, workingDays }: { app: Application; workingDays: number }) {
  const t = useT();
  const now = useAccessNow(60_000);
  const due = dueState(app, now);
  const countdown = dueCountdown(due);
  const decision = app.decision;
  return (
    <li className={`acc-row${due.overdue ? " acc-row--overdue" : ""}`} data-testid={`application-${app.id}`} data-status={app.status}>
      <div className="acc-row__head">
        <StatusBadge badge={applicationBadge(app.status)} testId={`application-status-${app.id}`} />
        {due.overdue && <span className="acc-badge acc-badge--bad">{t("access.due.overdueFlag")}</span>}
        <span className="acc-row__title">{app.departmentName !== app.applicantDepartment ? `${app.applicantDepartment} · ${app.departmentName}` : app.applicantDepartment}</span>
        <span className="acc-row__meta">{t("access.app.submittedBy", { name: app.applicant.displayName, time: formatIso(app.submittedAt) })}</span>
      </div>
      <div className="acc-row__line">
        <span className="acc-row__key">{t("access.app.asked")}</span>
        <ScopeView scope={app.scope} />
        <span className="acc-row__meta">{t("access.app.validDays", { n: app.validDays })}</span>
      </div>
      <div className="acc-row__line acc-row__reason" title={app.reason}>
        <span className="acc-row__key">{t("access.app.field.reason")}</span>
        {app.reason}
      </div>
      <div
        className={`acc-row__line acc-due${due.overdue ? " acc-due--overdue" : ""}`}
        data-testid={`application-due-${app.id}`}
        data-overdue={due.overdue}
        data-due={app.due}
        data-provisional={app.dueProvisional}
      >
        <span className="acc-row__key">{t("access.due.label")}</span>
        {t("access.due.text", { n: workingDays, date: app.due })}
        {app.dueProvisional && <span className="acc-provisional">{t("access.due.provisional")}</span>}
        {countdown && <span className="acc-due__countdown">{t(countdown.key, countdown.params)}</span>}
      </div>
      {decision && (
        <div className="acc-row__line acc-decision" data-testid={`application-decision-${app.id}`}>
          <span className="acc-row__key">{t("access.app.decision")}</span>
          {decision.approvedScope && <ScopeView scope={decision.approvedScope} />}
          {decision.validUntil && <span>{t("access.app.validUntil", { time: formatIso(decision.validUntil) })}</span>}
          {decision.reason && <span className="acc-decision__reason">{t(app.status === "rejected" ? "access.app.rejectReason" : "access.app.decisionNote", { reason: decision.reason })}</span>}
          <span className="acc-row__meta">{t("access.app.decidedBy", { name: decision.by, time: formatIso(decision.at) })}</span>
        </div>
      )}
    </li>
  );
}
