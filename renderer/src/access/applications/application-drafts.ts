// Runs in the renderer. What the user typed into the application form, kept outside the components so that closing
// the drawer (Esc), switching tabs or a failed submit never loses it; and whether the form is shown.
import { create } from "zustand";
import { useConsoleStore } from "../../state/console-store.js";
import { emptyApplicationDraft, type ApplicationDraft } from "./application-form.js";

export type ApplicationDrafts = {
  /** Null until the form is first shown (it starts from the user's department then). */
  draft: ApplicationDraft | null;
  formOpen: boolean;
};

const initial = (): ApplicationDrafts => ({ draft: null, formOpen: false });

export const useApplicationDrafts = create<ApplicationDrafts>()(initial);

export function resetApplicationDrafts(): void {
  useApplicationDrafts.setState(initial());
}

export function updateApplicationDraft(patch: Partial<ApplicationDraft>): void {
  const store = useConsoleStore.getState();
  const base = useApplicationDrafts.getState().draft ?? emptyApplicationDraft(store.session?.user?.department ?? "", store.applicationCart);
  useApplicationDrafts.setState({ draft: { ...base, ...patch } });
}
