// Runs in the renderer. What the access drawer shows, fetched from main while the drawer is open: the department's
// applications, emergency grants, open incidents, the grant policy, the due date a new application would get, the
// county-level regions (from the unfiltered catalog tree), the audit page asked for. Refetched when main says records changed; failures are kept beside the last good data so
// nothing silently disappears. (Main's access clock and active grants live in state/access-state.)
import { useEffect } from "react";
import { create } from "zustand";
import { ConsoleApiError, type ApiErrorCode, type AuditPage, type AuditQuery, type MethodParams } from "../../../../contract/console-api.js";
import { apiErrorCode } from "../../../../contract/console-client.js";
import type { Application, DueDate, Grant, GrantPolicy, Incident } from "../../../../contract/platform-api.js";
import { consoleApi } from "../../state/console-link.js";
import { useConsoleStore } from "../../state/console-store.js";

export type Failure = { code: ApiErrorCode; detail: string };
export type Load<T> = { status: "idle" | "loading" | "ready" | "failed"; data: T | null; failure: Failure | null };
export type Region = { code: string; name: string };
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export type AccessData = {
  applications: Load<readonly Application[]>;
  grants: Load<readonly Grant[]>;
  incidents: Load<readonly Incident[]>;
  policy: Load<GrantPolicy>;
  duePreview: Load<DueDate>;
  /** Every region of the catalog, whatever the catalog panel's filters (those hide regions without matches). */
  regions: Load<readonly Region[]>;
  audit: Load<AuditPage> & { query: AuditQuery | null };
};

const idle = <T>(): Load<T> => ({ status: "idle", data: null, failure: null });

const initial = (): AccessData => ({
  applications: idle(),
  grants: idle(),
  incidents: idle(),
  policy: idle(),
  duePreview: idle(),
  regions: idle(),
  audit: { ...idle<AuditPage>(), query: null },
});

export const useAccessData = create<AccessData>()(initial);

const api = consoleApi;
const set = useAccessData.setState;
const get = useAccessData.getState;

/** What a failed call says: its code and the core's (or platform's) own words, without the "[CODE]" prefix. */
export function failureOf(err: unknown): Failure {
  const code = apiErrorCode(err);
  if (code === "INTERNAL") console.error(err);
  const detail = err instanceof ConsoleApiError ? err.detail : err instanceof Error ? err.message.replace(/^\[[A-Z_]+\]\s*/, "") : String(err);
  return { code, detail };
}

type LoadKey = "applications" | "grants" | "incidents" | "policy" | "duePreview" | "regions";
const seq: Record<LoadKey | "audit", number> = { applications: 0, grants: 0, incidents: 0, policy: 0, duePreview: 0, regions: 0, audit: 0 };
let generation = 0;

async function load<K extends LoadKey>(key: K, fetch: () => Promise<NonNullable<AccessData[K]["data"]>>): Promise<void> {
  const mine = ++seq[key];
  const gen = generation;
  set({ [key]: { ...get()[key], status: "loading" } } as Pick<AccessData, K>);
  try {
    const data = await fetch();
    if (mine !== seq[key] || gen !== generation) return;
    set({ [key]: { status: "ready", data, failure: null } } as Pick<AccessData, K>);
  } catch (err) {
    if (mine !== seq[key] || gen !== generation) return;
    set({ [key]: { ...get()[key], status: "failed", failure: failureOf(err) } } as Pick<AccessData, K>);
  }
}

export const reloadApplications = () => load("applications", async () => (await api().listApplications({})).items);
export const reloadGrants = () => load("grants", async () => (await api().listGrants({})).items);
export const reloadIncidents = () => load("incidents", async () => (await api().listIncidents({})).items);
export const reloadPolicy = () => load("policy", () => api().getGrantPolicy({}));
export const reloadDuePreview = () => load("duePreview", () => api().previewDueDate({}));
export const reloadRegions = () => load("regions", async () => (await api().getCatalogTree({})).regions.map((r) => ({ code: r.code, name: r.name })));

export async function reloadAudit(query: AuditQuery): Promise<void> {
  const mine = ++seq.audit;
  const gen = generation;
  set({ audit: { ...get().audit, status: "loading", query } });
  try {
    const page = await api().queryAudit(query);
    if (mine !== seq.audit || gen !== generation) return;
    set({ audit: { status: "ready", data: page, failure: null, query } });
  } catch (err) {
    if (mine !== seq.audit || gen !== generation) return;
    set({ audit: { ...get().audit, status: "failed", failure: failureOf(err), query } });
  }
}

/** Forgets everything (another user logged in, or no one). */
export function resetAccessData(): void {
  generation++;
  set(initial());
}

// The lists of the previous user are not this one's. (This module comes with the drawer: before it first opened,
// nothing was fetched and nothing needs forgetting.)
useConsoleStore.subscribe((s, prev) => {
  if (prev.session !== null && (s.session?.user?.username ?? null) !== (prev.session.user?.username ?? null)) resetAccessData();
});

function upsert<T extends { id: string }>(items: readonly T[] | null, item: T): readonly T[] {
  if (!items) return [item];
  return items.some((i) => i.id === item.id) ? items.map((i) => (i.id === item.id ? item : i)) : [item, ...items];
}

function putApplication(app: Application): void {
  const current = get().applications;
  set({ applications: { ...current, data: upsert(current.data, app) } });
}

function putGrant(grant: Grant): void {
  const current = get().grants;
  set({ grants: { ...current, data: upsert(current.data, grant) } });
}

async function act<T>(run: () => Promise<T>, apply: (value: T) => void, reload: () => Promise<void>): Promise<Outcome<T>> {
  try {
    const value = await run();
    apply(value);
    void reload();
    return { ok: true, value };
  } catch (err) {
    const failure = failureOf(err);
    // The record changed meanwhile: show what it is now.
    if (failure.code === "CONFLICT") void reload();
    return { ok: false, failure };
  }
}

const reloadGrantsAndIncidents = async () => {
  await Promise.all([reloadGrants(), reloadIncidents()]);
};

export const accessActions = {
  submitApplication: (request: MethodParams<"submitApplication">) =>
    act(() => api().submitApplication(request), putApplication, reloadApplications),
  decideApplication: (decision: MethodParams<"decideApplication">) =>
    act(() => api().decideApplication(decision), putApplication, reloadApplications),
  requestGrant: (request: MethodParams<"requestGrant">) => act(() => api().requestGrant(request), putGrant, reloadGrantsAndIncidents),
  decideGrant: (decision: MethodParams<"decideGrant">) => act(() => api().decideGrant(decision), putGrant, reloadGrants),
  extendGrant: (extend: MethodParams<"extendGrant">) => act(() => api().extendGrant(extend), putGrant, reloadGrants),
  revokeGrant: (revoke: MethodParams<"revokeGrant">) => act(() => api().revokeGrant(revoke), putGrant, reloadGrants),
  reviewGrant: (review: MethodParams<"reviewGrant">) => act(() => api().reviewGrant(review), putGrant, reloadGrants),
};

/** Runs `fn` at most once per `minMs` (trailing): catalogChanged may come every 100 ms while cameras flap. */
function throttled(fn: () => void, minMs: number): { run(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = 0;
  return {
    run() {
      if (timer !== null) return;
      timer = setTimeout(
        () => {
          timer = null;
          last = performance.now();
          fn();
        },
        Math.max(0, last + minMs - performance.now()),
      );
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/** While the drawer is open: load what it shows, and refetch when main says applications, grants or access changed. */
export function useAccessFeed(): void {
  useEffect(() => {
    void reloadApplications();
    void reloadGrants();
    void reloadIncidents();
    void reloadPolicy();
    void reloadDuePreview();
    void reloadRegions();
    const applications = throttled(() => void reloadApplications(), 1000);
    const grants = throttled(() => void reloadGrants(), 500);
    const incidents = throttled(() => void reloadIncidents(), 1000);
    const link = consoleApi();
    const offs = [
      link.on("accessRecordsChanged", ({ kind }) => {
        if (kind === "application") applications.run();
        else {
          grants.run();
          incidents.run();
        }
      }),
      link.on("catalogChanged", () => applications.run()),
      // An expiry or a clock jump ends grants: show their new status.
      link.on("accessState", () => grants.run()),
    ];
    return () => {
      offs.forEach((off) => off());
      applications.cancel();
      grants.cancel();
      incidents.cancel();
    };
  }, []);
}
