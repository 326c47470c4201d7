// Runs in the platform API. Platform info, login, refresh, logout, /me.
import type { PlatformInfo, Role } from "../../contract/platform-api.js";
import type { PlatformServices } from "./platform-services.js";
import type { RouteHandlers } from "./route-binding.js";

type DemoRow = { username: string; display_name: string; roles: string; demo_password: string; department: string };

export function authHandlers(s: PlatformServices): Pick<RouteHandlers, "info" | "login" | "refresh" | "logout" | "me"> {
  return {
    info: async (): Promise<PlatformInfo> => {
      const demo = s.config.demo
        ? await s.store.reader.all<DemoRow>(
            "SELECT u.username, u.display_name, u.roles, u.demo_password, d.name AS department FROM user u JOIN department d ON d.id = u.department_id WHERE u.demo_password IS NOT NULL ORDER BY u.rowid",
          )
        : [];
      return {
        name: s.config.name,
        apiVersion: "1",
        serverTime: new Date(s.now()).toISOString(),
        demo: s.config.demo,
        demoAccounts: demo.map((u) => ({ username: u.username, password: u.demo_password, roles: JSON.parse(u.roles) as Role[], displayName: u.display_name, department: u.department })),
      };
    },
    login: async ({ body, request }) => s.sessions.login(body, request.ip),
    refresh: async ({ body }) => s.sessions.refresh(body),
    logout: async ({ auth }) => ({ revoked: await s.sessions.logout(auth) }),
    me: async ({ auth }) => auth.me,
  };
}
