// Runs in the platform API. Emergencies: incidents, time-limited grants (request, decide, extend, review, revoke), the
// policy.
import type { PlatformServices } from "./platform-services.js";
import type { RouteHandlers } from "./route-binding.js";

type EmergencyRoutes = "incidents" | "grants" | "requestGrant" | "decideGrant" | "extendGrant" | "reviewGrant" | "revokeGrant" | "grantPolicy";

export function emergencyHandlers(s: PlatformServices): Pick<RouteHandlers, EmergencyRoutes> {
  return {
    incidents: async () => ({ items: await s.grants.incidents() }),
    grants: async ({ auth }) => ({ items: await s.grants.list(auth) }),
    requestGrant: async ({ auth, body }) => s.grants.request(auth, body),
    decideGrant: async ({ auth, body }) => s.grants.decide(auth, body),
    extendGrant: async ({ auth, body }) => s.grants.extend(auth, body),
    reviewGrant: async ({ auth, body }) => s.grants.review(auth, body),
    revokeGrant: async ({ auth, body }) => s.grants.revoke(auth, body),
    grantPolicy: async () => s.grants.policy(),
  };
}
