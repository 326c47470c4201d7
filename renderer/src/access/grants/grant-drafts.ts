// Runs in the renderer. What the user typed into the emergency grant form, kept outside the components so that
// closing the drawer (Esc), switching tabs or a failed submit never loses it; and whether the form is shown.
import { create } from "zustand";
import { useConsoleStore } from "../../state/console-store.js";
import { emptyGrantDraft, type GrantDraft } from "./grant-form.js";

export type GrantDrafts = {
  /** Null until the form is first shown. */
  draft: GrantDraft | null;
  formOpen: boolean;
};

const initial = (): GrantDrafts => ({ draft: null, formOpen: false });

export const useGrantDrafts = create<GrantDrafts>()(initial);

export function resetGrantDrafts(): void {
  useGrantDrafts.setState(initial());
}

export function updateGrantDraft(patch: Partial<GrantDraft>): void {
  const base = useGrantDrafts.getState().draft ?? emptyGrantDraft(useConsoleStore.getState().grantCart);
  useGrantDrafts.setState({ draft: { ...base, ...patch } });
}
