// Runs in the renderer. What a catalog folder dropped on the wall did (catalog/folder-drop.ts): how many cameras were
// placed, how many did not fit ("N 路未放入") with their list, how many were left out (offline, not viewable). It
// floats over the bottom of the catalog, never over a tile. Stays while something did not fit (the list is the
// operator's to act on); a drop where everything fit goes by itself.
import { useEffect, useState } from "react";
import { useT } from "../state/use-t.js";
import { dismissFillOutcome, useFillOutcome } from "./folder-drop.js";

const DONE_MS = 6000;
/** Names drawn in the list; the count of the rest follows. */
const LIST_MAX = 300;

export function FillNotice() {
  const t = useT();
  const outcome = useFillOutcome((s) => s.outcome);
  const [listOpen, setListOpen] = useState(false);
  const done = outcome?.status === "done";
  const overflow = outcome?.overflow.length ?? 0;

  useEffect(() => setListOpen(false), [outcome?.id]);
  useEffect(() => {
    if (!done || overflow > 0) return;
    const timer = setTimeout(dismissFillOutcome, DONE_MS);
    return () => clearTimeout(timer);
  }, [done, overflow, outcome?.id]);

  if (!outcome) return null;
  return (
    <section
      className={`fill-notice${overflow > 0 ? " fill-notice--overflow" : ""}`}
      data-testid="fill-notice"
      data-status={outcome.status}
      data-placed={outcome.placed}
      data-overflow={overflow}
      data-skipped={outcome.skipped}
      role="status"
      aria-live="polite"
    >
      <header className="fill-notice__head">
        <strong className="fill-notice__title">{t("fill.title", { name: outcome.label })}</strong>
        <button type="button" className="notice__close" data-testid="fill-notice-close" aria-label={t("notice.dismiss")} onClick={dismissFillOutcome}>
          ×
        </button>
      </header>
      {outcome.status === "loading" ? (
        <p className="fill-notice__line">
          <span className="spinner spinner--small" aria-hidden="true" /> {t("fill.loading", { name: outcome.label })}
        </p>
      ) : (
        <>
          <p className="fill-notice__line">
            {outcome.placed === 0 && overflow === 0 ? <span>{t("fill.nothing")}</span> : <span>{t("fill.placed", { n: outcome.placed })}</span>}
            {overflow > 0 && (
              <strong className="fill-notice__overflow" data-testid="fill-overflow-count">
                {t("fill.overflow", { n: overflow })}
              </strong>
            )}
          </p>
          {outcome.skipped > 0 && <p className="fill-notice__line fill-notice__dim">{t("fill.skipped", { n: outcome.skipped })}</p>}
          {outcome.capped && <p className="fill-notice__line fill-notice__dim">{t("fill.capped", { n: outcome.placed + overflow })}</p>}
          {overflow > 0 && (
            <>
              <p className="fill-notice__hint">{t("fill.overflowHint")}</p>
              <button type="button" className="linkbtn" data-testid="fill-overflow-toggle" aria-expanded={listOpen} onClick={() => setListOpen(!listOpen)}>
                {listOpen ? t("fill.hideList") : t("fill.showList")}
              </button>
              {listOpen && (
                <ol className="fill-notice__list" data-testid="fill-overflow-list">
                  {outcome.overflow.slice(0, LIST_MAX).map((c) => (
                    <li key={c.id} data-camera-id={c.id} title={c.id}>
                      {c.name}
                    </li>
                  ))}
                  {overflow > LIST_MAX && <li className="fill-notice__dim">{t("fill.more", { n: overflow - LIST_MAX })}</li>}
                </ol>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
