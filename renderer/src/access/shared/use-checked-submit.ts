// Runs in the renderer. The submit every access form and row action shares: check what was typed (a message per field
// to fix), send it, and show the refusal in place. Owns the field messages, the busy flag and the failure.
import { useState } from "react";
import type { Failure, Outcome } from "./access-data.js";
import type { Checked, FieldErrors } from "./form-errors.js";

export type CheckedSubmit<F extends string> = {
  errors: FieldErrors<F>;
  failure: Failure | null;
  busy: boolean;
  /** Drops the messages of fields the user just changed. */
  forget(fields: readonly string[]): void;
  /**
   * Shows the check's messages, or sends its value with `action` and keeps the failure; true once the action
   * succeeded. A submit while one is under way does nothing.
   */
  submit<T, R>(checked: Checked<T, F>, action: (value: T) => Promise<Outcome<R>>): Promise<boolean>;
};

export function useCheckedSubmit<F extends string>(): CheckedSubmit<F> {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);

  const forget = (fields: readonly string[]) => {
    if (fields.some((f) => f in errors)) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))) as FieldErrors<F>);
  };

  const submit = async <T, R>(checked: Checked<T, F>, action: (value: T) => Promise<Outcome<R>>): Promise<boolean> => {
    if (busy) return false;
    setFailure(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return false;
    }
    setErrors({});
    setBusy(true);
    const outcome = await action(checked.value);
    setBusy(false);
    if (!outcome.ok) setFailure(outcome.failure);
    return outcome.ok;
  };

  return { errors, failure, busy, forget, submit };
}
