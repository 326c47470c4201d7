// Runs in the renderer (pure). The video scope an application or a grant asks for, as the form picks it: the cameras
// in the cart (picked in the catalog), a region (county-level civil code) or a source domain.
import type { AccessScope } from "../../../../contract/platform-api.js";

export type ScopeKind = AccessScope["kind"];
export type ScopePick = { kind: ScopeKind; civilCode: string; domain: string };

export const SCOPE_KINDS: readonly ScopeKind[] = ["cameras", "region", "domain"];
/** Most cameras one scope may list (the contract's limit). */
export const SCOPE_CAMERAS_MAX = 500;

export function emptyScopePick(cart: readonly string[]): ScopePick {
  return { kind: cart.length > 0 ? "cameras" : "region", civilCode: "", domain: "" };
}

/** The scope as the request carries it (unvalidated: the contract's schema checks it). */
export function scopeInput(pick: ScopePick, cart: readonly string[]): Record<string, unknown> {
  switch (pick.kind) {
    case "cameras":
      return { kind: "cameras", cameraIds: [...cart] };
    case "region":
      return { kind: "region", civilCode: pick.civilCode };
    case "domain":
      return { kind: "domain", domain: pick.domain };
  }
}

/** The camera ids a scope names (empty for a region or domain scope). */
export function scopeCameraIds(scope: AccessScope | null | undefined): readonly string[] {
  return scope?.kind === "cameras" ? scope.cameraIds : [];
}

/** A draft begun before a camera was added to its cart now asks for the cart's cameras. */
export function onCartScope<D extends { scope: ScopePick }>(draft: D | null): D | null {
  return draft && { ...draft, scope: { ...draft.scope, kind: "cameras" } };
}
