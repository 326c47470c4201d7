// Runs in the renderer. 新建申请: the conditional-share application form. Every field of the contract's
// ApplicationRequest (inputs named like its keys), the scope from the application cart / a region / a domain, the
// due date the answer would get, validation with the contract's schema (messages in the user's language), and the
// core's or platform's refusal shown in place. What was typed stays until the application is accepted.
import type { FormEvent } from "react";
import { useT } from "../../state/use-t.js";
import { useConsoleStore } from "../../state/console-store.js";
import { accessActions, useAccessData } from "../shared/access-data.js";
import { updateApplicationDraft, useApplicationDrafts } from "./application-drafts.js";
import { FieldMessage, FormFooter } from "../shared/access-widgets.js";
import {
  APPLICATION_FIELDS,
  APPLICATION_FIELD_LABEL,
  VALID_DAYS_MAX,
  emptyApplicationDraft,
  validateApplication,
  type ApplicationDraft,
  type ApplicationField,
  type ApplicationTextField,
} from "./application-form.js";
import { ScopePicker } from "../shared/ScopePicker.js";
import { useCheckedSubmit } from "../shared/use-checked-submit.js";

const MULTILINE: ReadonlySet<ApplicationTextField> = new Set(["reason", "purpose", "useScope", "securityMeasures"]);
const MAX_LENGTH: Record<ApplicationTextField, number> = {
  applicantDepartment: 64,
  contact: 64,
  reason: 1000,
  purpose: 500,
  useScope: 500,
  securityMeasures: 500,
};

function textPatch(name: ApplicationTextField, value: string): Partial<ApplicationDraft> {
  const patch: Partial<ApplicationDraft> = {};
  patch[name] = value;
  return patch;
}

export function ApplicationForm({ onDone }: { onDone(): void }) {
  const t = useT();
  const department = useConsoleStore((s) => s.session?.user?.department ?? "");
  const cart = useConsoleStore((s) => s.applicationCart);
  const stored = useApplicationDrafts((s) => s.draft);
  const draft: ApplicationDraft = stored ?? emptyApplicationDraft(department, cart);
  const preview = useAccessData((s) => s.duePreview);
  const { errors, failure, busy, forget, submit } = useCheckedSubmit<ApplicationField>();

  const change = (patch: Partial<ApplicationDraft>) => {
    updateApplicationDraft(patch);
    forget(Object.keys(patch));
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await submit(validateApplication(draft, cart), accessActions.submitApplication))) return;
    // The cameras went into this request; a region or domain request leaves the cart for the next one.
    if (draft.scope.kind === "cameras") useConsoleStore.getState().clearCart("application");
    useApplicationDrafts.setState({ draft: null });
    onDone();
  };

  const text = (name: ApplicationTextField) => (
    <label className={`acc-field${errors[name] ? " acc-field--invalid" : ""}${MULTILINE.has(name) ? " acc-field--wide" : ""}`}>
      <span className="acc-field__label">{t(APPLICATION_FIELD_LABEL[name])}</span>
      {MULTILINE.has(name) ? (
        <textarea
          name={name}
          className="acc-input"
          rows={name === "reason" ? 3 : 2}
          maxLength={MAX_LENGTH[name] + 50}
          value={draft[name]}
          placeholder={t(`access.app.placeholder.${name}`)}
          aria-invalid={errors[name] ? true : undefined}
          onChange={(e) => change(textPatch(name, e.target.value))}
        />
      ) : (
        <input
          name={name}
          className="acc-input"
          maxLength={MAX_LENGTH[name] + 50}
          value={draft[name]}
          placeholder={t(`access.app.placeholder.${name}`)}
          aria-invalid={errors[name] ? true : undefined}
          onChange={(e) => change(textPatch(name, e.target.value))}
        />
      )}
      <FieldMessage name={name} message={errors[name]} />
    </label>
  );

  return (
    <form className="acc-form" data-testid="application-form" noValidate onSubmit={(e) => void send(e)}>
      <h3 className="acc-form__title">{t("access.app.formTitle")}</h3>
      <p className="acc-hint">{t("access.app.formHint")}</p>
      <div className="acc-form__grid">
        {text("applicantDepartment")}
        {text("contact")}
        {text("reason")}
        <div className="acc-field acc-field--wide">
          <ScopePicker
            pick={draft.scope}
            onChange={(scope) => change({ scope })}
            cart="application"
            error={errors.scope}
            legend={t(APPLICATION_FIELD_LABEL.scope)}
          />
        </div>
        {text("purpose")}
        {text("useScope")}
        {text("securityMeasures")}
        <label className={`acc-field${errors.validDays ? " acc-field--invalid" : ""}`}>
          <span className="acc-field__label">{t(APPLICATION_FIELD_LABEL.validDays)}</span>
          <input
            name="validDays"
            className="acc-input acc-input--number"
            type="number"
            inputMode="numeric"
            min={1}
            max={VALID_DAYS_MAX}
            step={1}
            value={draft.validDays}
            aria-invalid={errors.validDays ? true : undefined}
            onChange={(e) => change({ validDays: e.target.value })}
          />
          <FieldMessage name="validDays" message={errors.validDays} />
        </label>
      </div>
      <div className="acc-due-preview" data-testid="application-due-preview">
        {preview.data ? (
          <>
            {t("access.app.duePreview", { date: preview.data.due, n: preview.data.workingDays })}
            {preview.data.provisional && <span className="acc-provisional">{t("access.due.provisional")}</span>}
          </>
        ) : preview.status === "failed" ? (
          t("access.app.duePreviewFailed")
        ) : (
          t("access.loading")
        )}
      </div>
      <FormFooter
        fields={APPLICATION_FIELDS}
        labels={APPLICATION_FIELD_LABEL}
        errors={errors}
        failure={failure}
        busy={busy}
        submit={{ className: "btn btn--primary", label: "access.app.submit", busyLabel: "access.app.submitting" }}
        testIds={{ errors: "application-errors", failure: "application-error", submit: "application-submit" }}
        onHide={onDone}
      />
    </form>
  );
}
