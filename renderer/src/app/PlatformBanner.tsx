// Runs in the renderer. Banner while the central platform is unreachable: the console works from its local catalog,
// says since when and when it retries; tiles already playing keep playing (media comes from the media servers).
import { useEffect, useState } from "react";
import { useT } from "../state/use-t.js";
import { useConsoleStore } from "../state/console-store.js";
import { clockTime, secondsUntil } from "./clock-time.js";

export function PlatformBanner() {
  const t = useT();
  const platform = useConsoleStore((s) => s.platform);
  const locale = useConsoleStore((s) => s.locale);
  const [now, setNow] = useState(() => Date.now());
  const degraded = platform.state === "degraded";
  useEffect(() => {
    if (!degraded) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [degraded]);
  if (!degraded) return null;
  const time = platform.lastContactAt === null ? t("platform.neverSynced") : clockTime(platform.lastContactAt, locale, now);
  const seconds = platform.retryAt === null ? null : secondsUntil(platform.retryAt, now);
  return (
    <div
      className="banner banner--warn banner--platform"
      role="alert"
      data-testid="degraded-banner"
      title={platform.lastError ? t("platform.lastError", { error: platform.lastError }) : undefined}
    >
      {t("platform.degraded", { time, n: platform.cameras })}
      {seconds === null ? "" : seconds > 0 ? t("platform.retryIn", { s: seconds }) : t("platform.retrying")}
      {t("platform.wallKeeps")}
    </div>
  );
}
