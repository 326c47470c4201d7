// Runs in the renderer. Failed operator actions, in the operator's language, with what to do next.
import { useEffect } from "react";
import { useT } from "../i18n/use-t.js";
import { useConsoleStore } from "../state/console-store.js";

const NOTICE_MS = 8000;

export function NoticeStack() {
  const t = useT();
  const notices = useConsoleStore((s) => s.notices);
  const dismiss = useConsoleStore((s) => s.dismissNotice);
  useEffect(() => {
    if (notices.length === 0) return;
    const oldest = notices[0]!;
    const timer = setTimeout(() => dismiss(oldest.id), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notices, dismiss]);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className="notice" data-testid="notice" data-code={n.errorCode}>
          <span>{t("notice.actionFailed", { action: t(n.action), reason: t(`error.${n.errorCode}`) })}</span>
          <button type="button" className="notice__close" aria-label={t("notice.dismiss")} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
