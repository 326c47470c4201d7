// Runs in the renderer. Small pieces the access drawer's tabs share: camera names, scopes, badges, detail lines, error
// texts, field messages, a row action that asks for more first (one text, or a form), a form's footer, a list's
// toolbar and loading line, and the regions to pick from.
import { useState, type ReactNode } from "react";
import type { AccessScope } from "../../../../contract/platform-api.js";
import type { MessageKey } from "../../i18n/i18n.js";
import { useT } from "../../state/use-t.js";
import { useCameraView } from "../../state/camera-cache.js";
import { useAccessData, type Failure, type Load, type Outcome, type Region } from "./access-data.js";
import type { Checked, FieldErrors, Message } from "./form-errors.js";
import type { Badge } from "./status-badges.js";
import { useCheckedSubmit } from "./use-checked-submit.js";

const NO_REGIONS: readonly Region[] = [];

/**
 * The county-level regions of the catalog, from the unfiltered tree the drawer fetches when it opens (the catalog
 * panel's tree hides regions without matches for its filters); none until it arrived.
 */
export function useRegions(): readonly Region[] {
  return useAccessData((s) => s.regions.data ?? NO_REGIONS);
}

export function RegionName({ code }: { code: string }) {
  const regions = useRegions();
  return <>{regions.find((r) => r.code === code)?.name ?? code}</>;
}

/** A camera's name (fetched once into the camera cache); its id until known. */
export function CameraName({ id }: { id: string }) {
  const camera = useCameraView(id);
  return (
    <span className="acc-camera" title={id}>
      {camera?.name ?? id}
    </span>
  );
}

/** What a scope covers, compactly: camera names (the first few, then a count), a region, or a source domain. */
export function ScopeView({ scope, max = 6 }: { scope: AccessScope; max?: number }) {
  const t = useT();
  if (scope.kind === "region")
    return (
      <span className="acc-scope">
        {t("access.scope.region")} <RegionName code={scope.civilCode} />
      </span>
    );
  if (scope.kind === "domain")
    return (
      <span className="acc-scope">
        {t("access.scope.domain")} {t(`domain.${scope.domain}`)}
      </span>
    );
  const shown = scope.cameraIds.slice(0, max);
  return (
    <span className="acc-scope">
      {t("access.scope.cameras", { n: scope.cameraIds.length })}{" "}
      {shown.map((id) => (
        <span key={id} className="acc-chip">
          <CameraName id={id} />
        </span>
      ))}
      {scope.cameraIds.length > shown.length && <span className="acc-more">{t("access.scope.more", { n: scope.cameraIds.length - shown.length })}</span>}
    </span>
  );
}

/** A badge; `title` (a tooltip) and data attributes pass through to it. */
export function StatusBadge({ badge, testId, ...rest }: { badge: Badge; testId?: string; title?: string } & { [data: `data-${string}`]: string | boolean }) {
  const t = useT();
  return (
    <span className={`acc-badge acc-badge--${badge.tone}`} data-testid={testId} {...rest}>
      {t(badge.key)}
    </span>
  );
}

/** A labelled line of free text (a reason, a note) on one line, whole in its tooltip; `meta` after it (who, when). */
export function DetailLine({ label, text, meta, testId }: { label: string; text: string; meta?: string; testId?: string }) {
  return (
    <div className="acc-row__line acc-row__reason" title={text} data-testid={testId}>
      <span className="acc-row__key">{label}</span>
      {text}
      {meta !== undefined && <span className="acc-row__meta">{meta}</span>}
    </div>
  );
}

/** A failed call in the user's language; the platform's own words are added where they say what to fix. */
export function FailureText({ failure, testId }: { failure: Failure; testId?: string }) {
  const t = useT();
  const own = failure.code === "INVALID_REQUEST" ? t("access.failure.invalid") : t(`error.${failure.code}`);
  const withDetail = failure.detail !== "" && (failure.code === "INVALID_REQUEST" || failure.code === "CONFLICT" || failure.code === "FORBIDDEN");
  return (
    <div className="acc-failure" role="alert" data-testid={testId} data-code={failure.code}>
      <span>{own}</span>
      {withDetail && <span className="acc-failure__detail">{t("access.failure.detail", { detail: failure.detail })}</span>}
    </div>
  );
}

export function FieldMessage({ name, message }: { name: string; message: Message | undefined }) {
  const t = useT();
  if (!message) return null;
  return (
    <span className="acc-field__error" role="alert" data-testid={`field-error-${name}`}>
      {t(message.key, message.params)}
    </span>
  );
}

/** The loading / failed line above a list. */
export function LoadLine({ load, onRetry }: { load: Load<unknown>; onRetry: () => void }) {
  const t = useT();
  if (load.status === "failed" && load.failure)
    return (
      <div className="acc-loadline acc-loadline--failed">
        <FailureText failure={load.failure} />
        <button type="button" className="btn btn--small" onClick={onRetry}>
          {t("access.retry")}
        </button>
      </div>
    );
  if (load.status === "loading" && load.data === null) return <div className="acc-loadline">{t("access.loading")}</div>;
  return null;
}

/** A list tab's toolbar: the button that shows or hides the tab's form (with its cart's size), the count, refresh. */
export function ListToolbar({
  form,
  count,
  refreshTestId,
  onRefresh,
}: {
  form: { open: boolean; label: MessageKey; cartSize: number; testId: string; onToggle(): void } | null;
  count: string;
  refreshTestId: string;
  onRefresh(): void;
}) {
  const t = useT();
  return (
    <div className="acc-toolbar">
      {form && (
        <button type="button" className={`btn btn--small${form.open ? " btn--active" : ""}`} data-testid={form.testId} aria-expanded={form.open} onClick={form.onToggle}>
          {t(form.label)}
          {form.cartSize > 0 && <span className="acc-count">{form.cartSize}</span>}
        </button>
      )}
      <span className="acc-toolbar__spacer" />
      <span className="acc-hint">{count}</span>
      <button type="button" className="btn btn--small" data-testid={refreshTestId} onClick={onRefresh}>
        {t("access.refresh")}
      </button>
    </div>
  );
}

/** 取消 beside a row action that asked for more (a reason, minutes). */
export function CancelButton({ onClick }: { onClick(): void }) {
  const t = useT();
  return (
    <button type="button" className="btn btn--small" onClick={onClick}>
      {t("access.cancel")}
    </button>
  );
}

/** A row action that asks for more first: the button opens the form (children), the same button then sends it. */
export function RowAction({
  open,
  onOpen,
  onSend,
  busy,
  failure,
  failureTestId,
  button,
  children,
}: {
  open: boolean;
  onOpen(open: boolean): void;
  onSend(): void;
  busy: boolean;
  failure: Failure | null;
  failureTestId: string;
  button: { className: string; testId: string; label: string };
  children: ReactNode;
}) {
  return (
    <div className={`acc-action${open ? " acc-action--open" : ""}`}>
      {open && <div className="acc-action__form">{children}</div>}
      {failure && <FailureText failure={failure} testId={failureTestId} />}
      <div className="acc-action__buttons">
        <button type="button" className={button.className} data-testid={button.testId} disabled={busy} onClick={() => (open ? onSend() : onOpen(true))}>
          {button.label}
        </button>
        {open && <CancelButton onClick={() => onOpen(false)} />}
      </div>
    </div>
  );
}

/** A required free text (a reason, a note) under its label, with its message; focused when it appears. */
export function ReasonBox({ name, label, value, onChange, error }: { name: string; label: string; value: string; onChange(v: string): void; error: Message | undefined }) {
  return (
    <label className={`acc-field acc-field--wide${error ? " acc-field--invalid" : ""}`}>
      <span className="acc-field__label">{label}</span>
      <textarea name={name} className="acc-input" rows={2} maxLength={550} value={value} autoFocus onChange={(e) => onChange(e.target.value)} />
      <FieldMessage name={name} message={error} />
    </label>
  );
}

/**
 * A row action whose form is one text (a reason, a note), after `children` (a warning): the button opens it, the same
 * button then checks the text as `field` and sends it; closed again once sent.
 */
export function TextAction<T, R, F extends string>({
  field,
  name,
  label,
  check,
  action,
  failureTestId,
  button,
  children,
}: {
  field: F;
  name: string;
  label: string;
  check(text: string): Checked<T, F>;
  action(value: T): Promise<Outcome<R>>;
  failureTestId: string;
  button: { className: string; testId: string; label(open: boolean): string };
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const { errors, failure, busy, submit } = useCheckedSubmit<F>();

  const send = async () => {
    if (await submit(check(text), action)) setOpen(false);
  };

  return (
    <RowAction
      open={open}
      onOpen={setOpen}
      onSend={() => void send()}
      busy={busy}
      failure={failure}
      failureTestId={failureTestId}
      button={{ className: button.className, testId: button.testId, label: button.label(open) }}
    >
      {children}
      <ReasonBox name={name} label={label} value={text} onChange={setText} error={errors[field]} />
    </RowAction>
  );
}

/**
 * The end of a form: what to fix (a line per field, in the form's order), the refusal (what was typed is kept), and
 * the submit and hide buttons.
 */
export function FormFooter<F extends string>({
  fields,
  labels,
  errors,
  failure,
  busy,
  submit,
  testIds,
  onHide,
}: {
  fields: readonly F[];
  labels: Record<F, MessageKey>;
  errors: FieldErrors<F>;
  failure: Failure | null;
  busy: boolean;
  submit: { className: string; label: MessageKey; busyLabel: MessageKey };
  testIds: { errors: string; failure: string; submit: string };
  onHide(): void;
}) {
  const t = useT();
  const errorList = fields.filter((f) => errors[f]);
  return (
    <>
      {errorList.length > 0 && (
        <div className="acc-form__errors" role="alert" data-testid={testIds.errors}>
          {t("access.form.fixErrors", { n: errorList.length })}
          <ul>
            {errorList.map((f) => {
              const m = errors[f];
              return m ? <li key={f}>{t("access.form.errorItem", { field: t(labels[f]), message: t(m.key, m.params) })}</li> : null;
            })}
          </ul>
        </div>
      )}
      {failure && (
        <>
          <FailureText failure={failure} testId={testIds.failure} />
          <p className="acc-hint">{t("access.form.kept")}</p>
        </>
      )}
      <div className="acc-form__actions">
        <button type="submit" className={submit.className} data-testid={testIds.submit} disabled={busy}>
          {t(busy ? submit.busyLabel : submit.label)}
        </button>
        <button type="button" className="btn" onClick={onHide}>
          {t("access.form.hide")}
        </button>
      </div>
    </>
  );
}
