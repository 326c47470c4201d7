// Runs in the renderer (pure). Turns the contract's zod issues into localized per-field messages: the user sees what
// to fix in their language, never zod's English. Each form says what kind of value a field holds; the message follows
// from that kind and the issue (empty, too short, too long, out of range, nothing picked).
import type { z } from "zod";
import type { MessageKey, MessageParams } from "../../i18n/i18n.js";

/** A message to show: a key of the message tables and its parameters. */
export type Message = { key: MessageKey; params?: MessageParams };

export type FieldKind =
  | { kind: "text" }
  | { kind: "integer"; min: number; max: number }
  | { kind: "choice" }
  | { kind: "cameras"; max: number };

/** The parts of a zod issue this mapping reads (a zod 4 `$ZodIssue` fits). */
export type IssueLike = { code: string; path: readonly PropertyKey[]; minimum?: unknown; maximum?: unknown };

export type FieldErrors<F extends string> = Partial<Record<F, Message>>;

/** What checking a form gives: the value to send, or a message per field to fix. */
export type Checked<T, F extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

function bound(value: unknown): number | null {
  return typeof value === "number" ? value : typeof value === "bigint" ? Number(value) : null;
}

/** The message for one issue on a field of the given kind, holding `value` (what the user typed or picked). */
export function fieldMessage(issue: IssueLike, field: FieldKind, value: unknown): Message {
  switch (field.kind) {
    case "integer":
      return { key: "access.err.integer", params: { min: field.min, max: field.max } };
    case "choice":
      return { key: "access.err.choose" };
    case "cameras":
      return issue.code === "too_big" ? { key: "access.err.tooManyCameras", params: { max: field.max } } : { key: "access.err.noCameras" };
    case "text": {
      if (typeof value !== "string" || value.trim() === "") return { key: "access.err.required" };
      const min = bound(issue.minimum);
      const max = bound(issue.maximum);
      if (issue.code === "too_small" && min !== null) return { key: "access.err.tooShort", params: { min } };
      if (issue.code === "too_big" && max !== null) return { key: "access.err.tooLong", params: { max } };
      return { key: "access.err.invalid" };
    }
  }
}

/**
 * One message per field (the first issue wins). `locate` names the field an issue belongs to from its path;
 * `kinds` and `values` describe each field.
 */
export function collectFieldErrors<F extends string>(
  issues: readonly IssueLike[],
  locate: (path: readonly PropertyKey[]) => F,
  kinds: Record<F, FieldKind>,
  values: Record<F, unknown>,
): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of issues) {
    const field = locate(issue.path);
    if (errors[field]) continue;
    errors[field] = fieldMessage(issue, kinds[field], values[field]);
  }
  return errors;
}

/** Parses a whole number typed into a field: undefined when empty, NaN when not a whole number. */
export function parseWholeNumber(text: string): number | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return /^\d{1,7}$/.test(t) ? Number(t) : Number.NaN;
}

/** A decision whose one typed field is a text (a reason, a note): `field` names it in the schema's input. */
export function checkTextOnly<T, F extends string>(schema: z.ZodType<T>, input: Record<string, unknown>, field: F): Checked<T, F> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const kinds = { [field]: { kind: "text" } } as Record<F, FieldKind>;
  const values = { [field]: input[field] } as Record<F, unknown>;
  return { ok: false, errors: collectFieldErrors(parsed.error.issues, () => field, kinds, values) };
}
