// Runs in the renderer. 发起应急授权 (commanders): declare an incident or pick an open one, the scope (grant cart,
// region or domain), the duration under the policy cap for the incident's level, the reason, and optionally a media
// grant for a media department. Break-glass scopes take effect at once; a scope with 不予共享 cameras waits for the
// city coordinator's approval.
import { useState, type FormEvent } from "react";
import { useT } from "../i18n/use-t.js";
import { useCameraCache } from "../state/camera-cache.js";
import { useConsoleStore } from "../state/console-store.js";
import { accessActions, useAccessData, type Failure } from "./access-data.js";
import { updateGrantDraft, useAccessDrafts } from "./access-drafts.js";
import { FailureText, FieldMessage, useRegions } from "./access-widgets.js";
import type { FieldErrors } from "./form-errors.js";
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
import { ScopePicker } from "./ScopePicker.js";

export function GrantForm({ onDone }: { onDone(): void }) {
  const t = useT();
  const cart = useConsoleStore((s) => s.grantCart);
  const incidents = useAccessData((s) => s.incidents.data) ?? [];
  const policy = useAccessData((s) => s.policy.data);
  const stored = useAccessDrafts((s) => s.grant);
  const draft: GrantDraft = stored ?? emptyGrantDraft(cart, incidents.length > 0);
  const regions = useRegions();
  const notShared = useCameraCache((s) =>
    cart.some((id) => {
      const entry = s.entries.get(id);
      return entry?.status === "ready" && entry.camera.sharingClass === "NOT_SHARED";
    }),
  );
  const [errors, setErrors] = useState<FieldErrors<GrantField>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const cap = grantCap(draft, incidents, policy);

  const change = (patch: Partial<GrantDraft>) => {
    updateGrantDraft(patch);
    const touched = Object.keys(patch);
    if (touched.some((f) => f in errors)) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k))));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const checked = validateGrant(draft, cart, incidents, policy);
    setFailure(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    const outcome = await accessActions.requestGrant(checked.request);
    setBusy(false);
    if (!outcome.ok) {
      setFailure(outcome.failure);
      return;
    }
    // The cameras went into this request; a region or domain request leaves the cart for the next one.
    if (draft.scope.kind === "cameras") useConsoleStore.getState().clearCart("grant");
    useAccessDrafts.setState({ grant: null });
    onDone();
  };

  const invalid = (f: GrantField) => (errors[f] ? " acc-field--invalid" : "");
  const errorList = GRANT_FIELDS.filter((f) => errors[f]);

  return (
    <form className="acc-form" data-testid="grant-form" noValidate onSubmit={(e) => void submit(e)}>
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
          <label className={`acc-field acc-field--wide${invalid("incidentId")}`}>
            <span className="acc-field__label">{t(GRANT_FIELD_LABEL.incidentId)}</span>
            <select name="incidentId" className="acc-input" value={draft.incidentId} onChange={(e) => change({ incidentId: e.target.value })}>
              <option value="">{t("access.pick")}</option>
              {incidents.map((i) => (
                <option key={i.id} value={i.id}>
                  {t("access.grant.incidentOption", { title: i.title, type: t(`access.incidentType.${i.type}`), level: t(`access.incidentLevel.${i.level}`), region: i.regionName })}
                </option>
              ))}
            </select>
            <FieldMessage name="incidentId" message={errors.incidentId} />
          </label>
        ) : (
          <>
            <label className={`acc-field acc-field--wide${invalid("title")}`}>
              <span className="acc-field__label">{t(GRANT_FIELD_LABEL.title)}</span>
              <input name="title" className="acc-input" maxLength={150} value={draft.title} placeholder={t("access.grant.titlePlaceholder")} onChange={(e) => change({ title: e.target.value })} />
              <FieldMessage name="title" message={errors.title} />
            </label>
            <label className={`acc-field${invalid("type")}`}>
              <span className="acc-field__label">{t(GRANT_FIELD_LABEL.type)}</span>
              <select name="type" className="acc-input" value={draft.type} onChange={(e) => change({ type: INCIDENT_TYPES.find((x) => x === e.target.value) ?? "" })}>
                <option value="">{t("access.pick")}</option>
                {INCIDENT_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {t(`access.incidentType.${x}`)}
                  </option>
                ))}
              </select>
              <FieldMessage name="type" message={errors.type} />
            </label>
            <label className={`acc-field${invalid("level")}`}>
              <span className="acc-field__label">{t(GRANT_FIELD_LABEL.level)}</span>
              <select name="level" className="acc-input" value={draft.level} onChange={(e) => change({ level: INCIDENT_LEVELS.find((x) => x === e.target.value) ?? "" })}>
                <option value="">{t("access.pick")}</option>
                {INCIDENT_LEVELS.map((x) => (
                  <option key={x} value={x}>
                    {t("access.grant.levelOption", { level: x, name: t(`access.incidentLevel.${x}`) })}
                  </option>
                ))}
              </select>
              <FieldMessage name="level" message={errors.level} />
            </label>
            <label className={`acc-field${invalid("civilCode")}`}>
              <span className="acc-field__label">{t(GRANT_FIELD_LABEL.civilCode)}</span>
              <select name="civilCode" className="acc-input" value={draft.civilCode} onChange={(e) => change({ civilCode: e.target.value })}>
                <option value="">{t("access.pick")}</option>
                {regions.map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name}
                  </option>
                ))}
              </select>
              <FieldMessage name="civilCode" message={errors.civilCode} />
            </label>
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
      {errorList.length > 0 && (
        <div className="acc-form__errors" role="alert" data-testid="grant-errors">
          {t("access.form.fixErrors", { n: errorList.length })}
          <ul>
            {errorList.map((f) => {
              const m = errors[f];
              return m ? <li key={f}>{t("access.form.errorItem", { field: t(GRANT_FIELD_LABEL[f]), message: t(m.key, m.params) })}</li> : null;
            })}
          </ul>
        </div>
      )}
      {failure && (
        <>
          <FailureText failure={failure} testId="grant-error" />
          <p className="acc-hint">{t("access.form.kept")}</p>
        </>
      )}
      <div className="acc-form__actions">
        <button type="submit" className="btn btn--primary btn--danger" data-testid="grant-submit" disabled={busy}>
          {t(busy ? "access.grant.submitting" : "access.grant.submit")}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t("access.form.hide")}
        </button>
      </div>
    </form>
  );
}
