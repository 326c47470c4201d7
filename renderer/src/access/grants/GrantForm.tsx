// Runs in the renderer. 发起应急授权 (commanders): declare an incident or pick an open one, the scope (grant cart,
// region or domain), the duration under the policy cap for the incident's level, the reason, and optionally a media
// grant for a media department. Break-glass scopes take effect at once; a scope with 不予共享 cameras waits for the
// city coordinator's approval.
import type { FormEvent } from "react";
import { useT } from "../../state/use-t.js";
import { useCameraCache } from "../../state/camera-cache.js";
import { useConsoleStore } from "../../state/console-store.js";
import { accessActions, useAccessData } from "../shared/access-data.js";
import { updateGrantDraft, useGrantDrafts } from "./grant-drafts.js";
import { FieldMessage, FormFooter, useRegions } from "../shared/access-widgets.js";
import type { Message } from "../shared/form-errors.js";
import {
  GRANT_FIELDS,
  GRANT_FIELD_LABEL,
  GRANT_MINUTES_MAX,
  INCIDENT_LEVELS,
  INCIDENT_TYPES,
  emptyGrantDraft,
  grantCap,
  validateGrant,
  type GrantDraft,
  type GrantField,
} from "./grant-form.js";
import { ScopePicker } from "../shared/ScopePicker.js";
import { useCheckedSubmit } from "../shared/use-checked-submit.js";

export function GrantForm({ onDone }: { onDone(): void }) {
  const t = useT();
  const cart = useConsoleStore((s) => s.grantCart);
  const incidents = useAccessData((s) => s.incidents.data) ?? [];
  const policy = useAccessData((s) => s.policy.data);
  const stored = useGrantDrafts((s) => s.draft);
  const draft: GrantDraft = stored ?? emptyGrantDraft(cart, incidents.length > 0);
  const regions = useRegions();
  const notShared = useCameraCache((s) =>
    cart.some((id) => {
      const entry = s.entries.get(id);
      return entry?.status === "ready" && entry.camera.sharingClass === "NOT_SHARED";
    }),
  );
  const { errors, failure, busy, forget, submit } = useCheckedSubmit<GrantField>();
  const cap = grantCap(draft, incidents, policy);

  const change = (patch: Partial<GrantDraft>) => {
    updateGrantDraft(patch);
    forget(Object.keys(patch));
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await submit(validateGrant(draft, cart, incidents, policy), accessActions.requestGrant))) return;
    // The cameras went into this request; a region or domain request leaves the cart for the next one.
    if (draft.scope.kind === "cameras") useConsoleStore.getState().clearCart("grant");
    useGrantDrafts.setState({ draft: null });
    onDone();
  };

  const invalid = (f: GrantField) => (errors[f] ? " acc-field--invalid" : "");

  return (
    <form className="acc-form" data-testid="grant-form" noValidate onSubmit={(e) => void send(e)}>
      <h3 className="acc-form__title">{t("access.grant.formTitle")}</h3>
      <div className="acc-radios" role="radiogroup" aria-label={t("access.grant.incident")}>
        <label className="acc-radio">
          <input type="radio" name="incidentMode" value="new" checked={draft.incidentMode === "new"} onChange={() => change({ incidentMode: "new" })} />
          {t("access.grant.incidentNew")}
        </label>
        <label className="acc-radio">
          <input
            type="radio"
            name="incidentMode"
            value="existing"
            checked={draft.incidentMode === "existing"}
            disabled={incidents.length === 0}
            onChange={() => change({ incidentMode: "existing" })}
          />
          {t("access.grant.incidentExisting", { n: incidents.length })}
        </label>
      </div>
      <div className="acc-form__grid">
        {draft.incidentMode === "existing" ? (
          <ChoiceField
            field="incidentId"
            wide
            value={draft.incidentId}
            error={errors.incidentId}
            onChange={(incidentId) => change({ incidentId })}
            options={incidents.map((i) => ({
              value: i.id,
              label: t("access.grant.incidentOption", { title: i.title, type: t(`access.incidentType.${i.type}`), level: t(`access.incidentLevel.${i.level}`), region: i.regionName }),
            }))}
          />
        ) : (
          <>
            <label className={`acc-field acc-field--wide${invalid("title")}`}>
              <span className="acc-field__label">{t(GRANT_FIELD_LABEL.title)}</span>
              <input name="title" className="acc-input" maxLength={150} value={draft.title} placeholder={t("access.grant.titlePlaceholder")} onChange={(e) => change({ title: e.target.value })} />
              <FieldMessage name="title" message={errors.title} />
            </label>
            <ChoiceField
              field="type"
              value={draft.type}
              error={errors.type}
              onChange={(v) => change({ type: INCIDENT_TYPES.find((x) => x === v) ?? "" })}
              options={INCIDENT_TYPES.map((x) => ({ value: x, label: t(`access.incidentType.${x}`) }))}
            />
            <ChoiceField
              field="level"
              value={draft.level}
              error={errors.level}
              onChange={(v) => change({ level: INCIDENT_LEVELS.find((x) => x === v) ?? "" })}
              options={INCIDENT_LEVELS.map((x) => ({ value: x, label: t("access.grant.levelOption", { level: x, name: t(`access.incidentLevel.${x}`) }) }))}
            />
            <ChoiceField
              field="civilCode"
              value={draft.civilCode}
              error={errors.civilCode}
              onChange={(civilCode) => change({ civilCode })}
              options={regions.map((r) => ({ value: r.code, label: r.name }))}
            />
          </>
        )}
        <div className="acc-field acc-field--wide">
          <ScopePicker pick={draft.scope} onChange={(scope) => change({ scope })} cart="grant" error={errors.scope} legend={t(GRANT_FIELD_LABEL.scope)} />
          <p className={`acc-note${notShared ? " acc-note--warn" : ""}`} data-testid="grant-scope-note">
            {t(notShared ? "access.grant.noteNotShared" : "access.grant.noteScope")}
          </p>
        </div>
        <label className={`acc-field${invalid("minutes")}`}>
          <span className="acc-field__label">{t(GRANT_FIELD_LABEL.minutes)}</span>
          <input
            name="minutes"
            className="acc-input acc-input--number"
            type="number"
            inputMode="numeric"
            min={1}
            max={cap ?? GRANT_MINUTES_MAX}
            step={1}
            value={draft.minutes}
            onChange={(e) => change({ minutes: e.target.value })}
          />
          <span className="acc-hint" data-testid="grant-cap" data-cap={cap ?? undefined}>
            {cap === null ? t("access.grant.capUnknown") : t("access.grant.cap", { n: cap })}
          </span>
          <FieldMessage name="minutes" message={errors.minutes} />
        </label>
        <label className={`acc-field acc-field--wide${invalid("reason")}`}>
          <span className="acc-field__label">{t(GRANT_FIELD_LABEL.reason)}</span>
          <textarea name="reason" className="acc-input" rows={2} maxLength={550} value={draft.reason} onChange={(e) => change({ reason: e.target.value })} />
          <FieldMessage name="reason" message={errors.reason} />
        </label>
        {policy && policy.mediaDepartments.length > 0 && (
          <div className={`acc-field acc-field--wide${invalid("mediaDepartmentId")}`}>
            <label className="acc-check">
              <input type="checkbox" name="mediaGrant" checked={draft.media} onChange={(e) => change({ media: e.target.checked })} />
              {t("access.grant.media")}
            </label>
            {draft.media && (
              <select name="mediaDepartmentId" className="acc-input" value={draft.mediaDepartmentId} onChange={(e) => change({ mediaDepartmentId: e.target.value })}>
                <option value="">{t("access.pick")}</option>
                {policy.mediaDepartments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            )}
            <FieldMessage name="mediaDepartmentId" message={errors.mediaDepartmentId} />
          </div>
        )}
      </div>
      <FormFooter
        fields={GRANT_FIELDS}
        labels={GRANT_FIELD_LABEL}
        errors={errors}
        failure={failure}
        busy={busy}
        submit={{ className: "btn btn--primary btn--danger", label: "access.grant.submit", busyLabel: "access.grant.submitting" }}
        testIds={{ errors: "grant-errors", failure: "grant-error", submit: "grant-submit" }}
        onHide={onDone}
      />
    </form>
  );
}

/** A pick-one field of the form: 请选择 first, then the options; named like the request's key. */
function ChoiceField({
  field,
  wide = false,
  value,
  options,
  error,
  onChange,
}: {
  field: GrantField;
  wide?: boolean;
  value: string;
  options: readonly { value: string; label: string }[];
  error: Message | undefined;
  onChange(value: string): void;
}) {
  const t = useT();
  return (
    <label className={`acc-field${wide ? " acc-field--wide" : ""}${error ? " acc-field--invalid" : ""}`}>
      <span className="acc-field__label">{t(GRANT_FIELD_LABEL[field])}</span>
      <select name={field} className="acc-input" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t("access.pick")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessage name={field} message={error} />
    </label>
  );
}
