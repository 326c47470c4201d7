// Runs in the renderer. The operator's saved layouts (per user, kept by main in SQLite): fetched after login and
// again whenever main says they changed (another window saved one), plus the calls that change them. Save and import
// answer with the outcome, so the editor shows a refusal in place (naming the problem) instead of a passing notice.
import { useEffect } from "react";
import { create } from "zustand";
import type { ApiErrorCode } from "../../../contract/console-api.js";
import { apiErrorCode } from "../../../contract/console-client.js";
import type { SavedLayout } from "../../../contract/wall.js";
import type { Layout } from "../../../contract/wall-layout.js";
import { consoleApi } from "./console-link.js";
import { useConsoleStore } from "./console-store.js";

type SavedLayoutsStore = { layouts: readonly SavedLayout[] };

export const useSavedLayouts = create<SavedLayoutsStore>()(() => ({ layouts: [] }));

export type LayoutOutcome = { ok: true; saved: SavedLayout } | { ok: false; code: ApiErrorCode; detail: string };

/** The problem main named ("[INVALID_LAYOUT] cells 1 and 2 overlap…" → "cells 1 and 2 overlap…"). */
function detailOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/^\[[A-Z_]+\]\s*/, "");
}

function failure(err: unknown): LayoutOutcome {
  const code = apiErrorCode(err);
  if (code === "INTERNAL") console.error(err);
  return { ok: false, code, detail: detailOf(err) };
}

export async function refreshSavedLayouts(): Promise<void> {
  try {
    useSavedLayouts.setState({ layouts: await consoleApi().listLayouts({}) });
  } catch (err) {
    // Logged out meanwhile: nothing to show. Anything else: keep the list we had; the next change refetches.
    if (apiErrorCode(err) === "NOT_LOGGED_IN") useSavedLayouts.setState({ layouts: [] });
  }
}

function remember(saved: SavedLayout): void {
  const others = useSavedLayouts.getState().layouts.filter((l) => l.id !== saved.id);
  useSavedLayouts.setState({ layouts: [...others, saved].sort((a, b) => a.name.localeCompare(b.name) || a.savedAt - b.savedAt) });
}

export async function saveLayout(name: string, layout: Layout): Promise<LayoutOutcome> {
  try {
    const saved = await consoleApi().saveLayout({ name, layout });
    remember(saved);
    return { ok: true, saved };
  } catch (err) {
    return failure(err);
  }
}

/** A layout shared as JSON: saved when main accepts it, else the problem it names (the wall does not change). */
export async function importLayout(json: string): Promise<LayoutOutcome> {
  try {
    const saved = await consoleApi().importLayout({ json });
    remember(saved);
    return { ok: true, saved };
  } catch (err) {
    return failure(err);
  }
}

export async function deleteLayout(id: string): Promise<{ ok: true } | { ok: false; code: ApiErrorCode; detail: string }> {
  try {
    await consoleApi().deleteLayout({ id });
    useSavedLayouts.setState({ layouts: useSavedLayouts.getState().layouts.filter((l) => l.id !== id) });
    return { ok: true };
  } catch (err) {
    const f = failure(err);
    return f.ok ? { ok: true } : f;
  }
}

/** Follows main: the list for the logged-in user, refetched on login, reconnect and every layoutsChanged. */
export function useSavedLayoutsSync(): void {
  const user = useConsoleStore((s) => s.session?.user?.username ?? null);
  const generation = useConsoleStore((s) => (s.connection.status === "open" ? s.connection.generation : null));
  useEffect(() => {
    if (user === null || generation === null) {
      useSavedLayouts.setState({ layouts: [] });
      return;
    }
    void refreshSavedLayouts();
    return consoleApi().on("layoutsChanged", () => void refreshSavedLayouts());
  }, [user, generation]);
}
