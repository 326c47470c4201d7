// Runs in the renderer. The watermark over live video (wall tiles and the program output): who watches, when (the
// console's access clock, every second), which camera and the grant behind it. Faint text repeated diagonally across
// the picture (an SVG pattern: one text node per line, whatever the tile size) plus one clear line in the corner.
import { useId } from "react";
import { useT } from "../state/use-t.js";
import { useAccessNow } from "../state/access-state.js";
import { useConsoleStore } from "../state/console-store.js";
import { watermarkLines } from "./watermark-text.js";

type Props = {
  testId: string;
  cameraId: string;
  /** The grant (or media grant) the video is watched under, or null. */
  grantId: string | null;
  /** Larger text for the full-screen program output. */
  large?: boolean;
};

export function Watermark({ testId, cameraId, grantId, large = false }: Props) {
  const t = useT();
  const user = useConsoleStore((s) => s.session?.user ?? null);
  const now = useAccessNow(1000);
  const patternId = `wm-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  if (!user) return null;
  const [who, what] = watermarkLines(t, { user, now, cameraId, grantId });
  const w = large ? 720 : 460;
  const h = large ? 260 : 170;
  return (
    <div
      className={`watermark${large ? " watermark--large" : ""}`}
      data-testid={testId}
      data-grant-id={grantId ?? undefined}
      data-camera-id={cameraId}
      data-username={user.username}
    >
      <svg className="watermark__repeat" aria-hidden="true" width="100%" height="100%">
        <defs>
          <pattern id={patternId} width={w} height={h} patternUnits="userSpaceOnUse" patternTransform="rotate(-24)">
            <text className="watermark__text" x="12" y={Math.round(h * 0.42)}>
              <tspan x="12">{who}</tspan>
              <tspan x="12" dy="1.35em">
                {what}
              </tspan>
            </text>
          </pattern>
        </defs>
        <rect width="100%" height="100%" fill={`url(#${patternId})`} />
      </svg>
      <div className="watermark__corner" data-testid={`${testId}-line`}>
        <span>{who}</span>
        <span>{what}</span>
      </div>
    </div>
  );
}
