// Runs in the renderer. Who is logged in (name, department, roles) and the logout button.
import type { SessionState } from "../../../contract/console-api.js";
import type { Translate } from "../i18n/i18n.js";
import { useT } from "../state/use-t.js";
import { consoleActions } from "../state/console-actions.js";
import { useConsoleStore } from "../state/console-store.js";

export function roleNames(t: Translate, roles: NonNullable<SessionState["user"]>["roles"]): string {
  return roles.map((r) => t(`role.${r}`)).join(t("role.separator"));
}

export function UserBadge() {
  const t = useT();
  const user = useConsoleStore((s) => s.session?.user ?? null);
  if (!user) return null;
  const roles = roleNames(t, user.roles);
  return (
    <div className="user" data-testid="user-badge" data-username={user.username}>
      <span
        className="user__who"
        title={t("header.userTitle", { name: user.displayName, username: user.username, department: user.department, roles })}
      >
        <span className="user__name">{user.displayName}</span>
        <span className="user__meta">
          {roles} · {user.department}
        </span>
      </span>
      <button type="button" className="btn" data-testid="logout" title={t("header.logoutTitle")} onClick={() => void consoleActions.logout()}>
        {t("header.logout")}
      </button>
    </div>
  );
}
