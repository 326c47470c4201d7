// Runs in the platform API. Conditional-share applications: list, submit, and the approver's decision.
import type { PlatformServices } from "./platform-services.js";
import type { RouteHandlers } from "./route-binding.js";

export function applicationHandlers(s: PlatformServices): Pick<RouteHandlers, "applications" | "submitApplication" | "decideApplication"> {
  return {
    applications: async ({ auth }) => ({ items: await s.applications.list(auth) }),
    submitApplication: async ({ auth, body }) => s.applications.submit(auth, body),
    decideApplication: async ({ auth, body }) => s.applications.decide(auth, body),
  };
}
