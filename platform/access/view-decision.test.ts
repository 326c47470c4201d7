// Decision table: sharing class × rule kind (standing, application, break-glass, special, media grant) × time.
import { describe, expect, it } from "vitest";
import type { SharingClass } from "../../contract/camera.js";
import type { Entitlement } from "../../contract/platform-api.js";
import { standingRules } from "./entitlements.js";
import { decideView, type ViewDecision } from "./view-decision.js";

const T0 = Date.parse("2026-10-08T02:00:00Z");
const H = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

const camera = (sharingClass: SharingClass, over: { mediaUse?: boolean; owner?: string; id?: string } = {}) => ({
  id: over.id ?? "52030200431326950001",
  civilCode: "520302",
  regionPath: [
    { code: "52", name: "贵州省" },
    { code: "5203", name: "遵义市" },
    { code: "520302", name: "红花岗区" },
  ],
  domain: "water" as const,
  ownerDepartment: { id: over.owner ?? "520302-water", name: "水务局" },
  sharingClass,
  mediaUse: over.mediaUse ?? false,
});

const rule = (over: Partial<Entitlement> & Pick<Entitlement, "basis" | "scope" | "classes">): Entitlement => ({
  id: `${over.basis}:x`,
  validFrom: iso(T0 - H),
  validUntil: iso(T0 + H),
  requiresMediaUse: false,
  refId: "x",
  ...over,
});

const operator = standingRules("520302-skynet", ["operator"]);
const media = standingRules("city-media", ["media"]);
const application = rule({ basis: "APPLICATION", scope: { kind: "cameras", cameraIds: ["52030200431326950001"] }, classes: ["CONDITIONAL"] });
const breakGlass = rule({ basis: "GRANT", scope: { kind: "region", civilCode: "5203" }, classes: ["UNCONDITIONAL", "CONDITIONAL"] });
const special = rule({ basis: "GRANT", scope: { kind: "domain", domain: "water" }, classes: null, validUntil: iso(T0 + 2 * H) });
const mediaGrant = rule({ basis: "MEDIA_GRANT", scope: { kind: "region", civilCode: "520302" }, classes: ["UNCONDITIONAL", "CONDITIONAL"] });

type Row = [string, Entitlement[], ReturnType<typeof camera>, number, Partial<ViewDecision> & { allowed: boolean }];

const table: Row[] = [
  ["unconditional: standing rule, no end", operator, camera("UNCONDITIONAL"), T0, { allowed: true, basis: "UNCONDITIONAL", validUntil: null }],
  ["own department's not-shared camera", operator, camera("NOT_SHARED", { owner: "520302-skynet" }), T0, { allowed: true, basis: "OWN_DEPARTMENT" }],
  ["conditional without application", operator, camera("CONDITIONAL"), T0, { allowed: false, reason: "CONDITIONAL_NEEDS_APPLICATION" }],
  ["conditional with an approved application", [...operator, application], camera("CONDITIONAL"), T0, { allowed: true, basis: "APPLICATION", validUntil: T0 + H }],
  ["application before its start", [...operator, application], camera("CONDITIONAL"), T0 - 2 * H, { allowed: false, reason: "CONDITIONAL_NEEDS_APPLICATION" }],
  ["application at its end", [...operator, application], camera("CONDITIONAL"), T0 + H, { allowed: false, reason: "CONDITIONAL_NEEDS_APPLICATION" }],
  ["application does not open not-shared", [...operator, rule({ ...application, scope: { kind: "domain", domain: "water" } })], camera("NOT_SHARED"), T0, { allowed: false, reason: "NOT_SHARED" }],
  ["application scope: other camera", [...operator, application], camera("CONDITIONAL", { id: "52030200431326000601" }), T0, { allowed: false, reason: "CONDITIONAL_NEEDS_APPLICATION" }],
  ["break-glass opens conditional in its region", [...operator, breakGlass], camera("CONDITIONAL"), T0, { allowed: true, basis: "GRANT", validUntil: T0 + H }],
  ["break-glass does not open not-shared", [...operator, breakGlass], camera("NOT_SHARED"), T0, { allowed: false, reason: "NOT_SHARED" }],
  ["special grant opens not-shared", [...operator, special], camera("NOT_SHARED"), T0, { allowed: true, basis: "GRANT", validUntil: T0 + 2 * H }],
  ["special grant after its end", [...operator, special], camera("NOT_SHARED"), T0 + 2 * H, { allowed: false, reason: "NOT_SHARED" }],
  ["longest rule wins", [...operator, application, special], camera("CONDITIONAL"), T0, { allowed: true, validUntil: T0 + 2 * H }],
  ["unconditional beats a grant (no end)", [...operator, breakGlass], camera("UNCONDITIONAL"), T0, { allowed: true, basis: "UNCONDITIONAL", validUntil: null }],
  ["media user: unconditional needs media use", media, camera("UNCONDITIONAL"), T0, { allowed: false, reason: "MEDIA_USE_REQUIRED" }],
  ["media user: media-use camera", media, camera("UNCONDITIONAL", { mediaUse: true }), T0, { allowed: true, basis: "UNCONDITIONAL" }],
  ["media grant lifts the media-use limit", [...media, mediaGrant], camera("CONDITIONAL"), T0, { allowed: true, basis: "MEDIA_GRANT", validUntil: T0 + H }],
  ["media user's application still needs media use", [...media, { ...application, requiresMediaUse: true }], camera("CONDITIONAL"), T0, { allowed: false, reason: "MEDIA_USE_REQUIRED" }],
];

describe("decideView", () => {
  it.each(table)("%s", (_name, rules, cam, now, expected) => {
    expect(decideView(rules, cam, now)).toMatchObject(expected);
  });
});
