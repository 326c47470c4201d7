// Runs in the renderer. The grant bar under the header: every time-limited access this user holds now (emergency and
// media grants, approved applications), soonest end first, each with a live countdown on the console's access clock
// that escalates at 10, 5 and 1 minute, and a button to its record in the access drawer (to request an extension).
import type { ActiveAccess } from "../../../contract/console-api.js";
import { useT } from "../state/use-t.js";
import { useAccessNow, useAccessState } from "../state/access-state.js";
import { useConsoleStore } from "../state/console-store.js";
import { formatStamp } from "../player/watermark-text.js";
import { basisLabelKey, countdownUrgency, drawerTabFor, formatCountdown, remainingSeconds, shortRef } from "./grant-countdown.js";

const TICK_MS = 250;

export function GrantBar() {
  const t = useT();
  const active = useAccessState((s) => s.state?.active ?? null);
  if (!active || active.length === 0) return null;
  return (
    <section className="grant-bar" data-testid="grant-bar" aria-label={t("grantBar.label")}>
      <span className="grant-bar__label">{t("grantBar.label")}</span>
      <ul className="grant-bar__items">
        {active.map((a) => (
          <GrantItem key={a.refId} access={a} />
        ))}
      </ul>
    </section>
  );
}

function GrantItem({ access }: { access: ActiveAccess }) {
  const t = useT();
  const now = useAccessNow(TICK_MS);
  const openDrawer = useConsoleStore((s) => s.openAccessDrawer);
  const remaining = access.validUntil - now;
  const urgency = countdownUrgency(remaining);
  const basis = t(basisLabelKey(access.basis));
  const title = access.title ?? t("grantBar.untitled");
  return (
    <li
      className={`grant-item grant-item--${urgency}`}
      data-testid={`grant-item-${access.refId}`}
      data-basis={access.basis}
      data-urgency={urgency}
      data-remaining-s={remainingSeconds(remaining)}
      title={t("grantBar.itemTitle", { basis, id: access.refId, title, until: formatStamp(access.validUntil) })}
    >
      <span className={`grant-item__basis grant-item__basis--${access.basis}`}>{basis}</span>
      <span className="grant-item__title">{title}</span>
      <span className="grant-item__ref">{shortRef(access.refId)}</span>
      <span className="grant-item__countdown" data-testid={`grant-countdown-${access.refId}`} title={t("grantBar.remainingTitle")} role="timer">
        {urgency === "ended" ? t("grantBar.ended") : formatCountdown(remaining)}
      </span>
      <button
        type="button"
        className="btn btn--small grant-item__open"
        data-testid={`grant-open-${access.refId}`}
        title={t("grantBar.openTitle")}
        onClick={() => openDrawer(drawerTabFor(access.basis))}
      >
        {t("grantBar.open")}
      </button>
    </li>
  );
}
