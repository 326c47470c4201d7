// Runs in the renderer. Notices, in the operator's language, with what to do next: failed operator actions (gone after
// a few seconds) and grant warnings (a grant ends in 10, 5 or 1 minute; they stay until dismissed or the grant ends).
import { useEffect } from "react";
import type { Translate } from "../i18n/i18n.js";
import { useT } from "../state/use-t.js";
import { useAccessState } from "../state/access-state.js";
import { useConsoleStore, type GrantWarningNotice } from "../state/console-store.js";
import { basisLabelKey, drawerTabFor } from "./grant-countdown.js";

const NOTICE_MS = 8000;

export function NoticeStack() {
  const t = useT();
  const notices = useConsoleStore((s) => s.notices);
  const dismiss = useConsoleStore((s) => s.dismissNotice);
  useEffect(() => {
    const oldest = notices.find((n) => n.kind === "error");
    if (!oldest) return;
    const timer = setTimeout(() => dismiss(oldest.id), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notices, dismiss]);
  if (notices.length === 0) return null;
  // Grant warnings first: they matter more than a failed click.
  const ordered = [...notices.filter((n) => n.kind === "grantWarning"), ...notices.filter((n) => n.kind !== "grantWarning")];
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {ordered.map((n) =>
        n.kind === "grantWarning" ? (
          <GrantWarning key={n.id} notice={n} t={t} onDismiss={() => dismiss(n.id)} />
        ) : (
          <div key={n.id} className="notice" data-testid="notice" data-code={n.errorCode}>
            <span>{t("notice.actionFailed", { action: t(n.action), reason: t(`error.${n.errorCode}`) })}</span>
            <button type="button" className="notice__close" aria-label={t("notice.dismiss")} onClick={() => dismiss(n.id)}>
              ×
            </button>
          </div>
        ),
      )}
    </div>
  );
}

function GrantWarning({ notice, t, onDismiss }: { notice: GrantWarningNotice; t: Translate; onDismiss: () => void }) {
  const basis = useAccessState((s) => s.state?.active.find((a) => a.refId === notice.refId)?.basis ?? "GRANT");
  const openDrawer = useConsoleStore((s) => s.openAccessDrawer);
  return (
    <div
      className={`notice notice--grant notice--grant-${notice.minutesLeft}`}
      data-testid="grant-warning"
      data-minutes={notice.minutesLeft}
      data-ref-id={notice.refId}
    >
      <div className="notice__body">
        <strong className="notice__title">{t("grantWarning.text", { basis: t(basisLabelKey(basis)), id: notice.refId, n: notice.minutesLeft })}</strong>
        <div className="notice__hint">{t("grantWarning.hint")}</div>
      </div>
      <button type="button" className="btn btn--small" data-testid="grant-warning-open" onClick={() => openDrawer(drawerTabFor(basis))}>
        {t("grantWarning.open")}
      </button>
      <button type="button" className="notice__close" aria-label={t("notice.dismiss")} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
