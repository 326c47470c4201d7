// Runs in the renderer. Privacy masks (隐私遮挡) over a video: opaque polygons where the platform says personal
// features or plates must not be shown, placed on the letterboxed picture and kept there as the box or the video
// size changes. Drawn in the page, so what the program output shows (and what a capture of it carries) is masked.
import { useEffect, useState, type RefObject } from "react";
import { useT } from "../state/use-t.js";
import { containedPicture, maskPoints, type PrivacyMask, type Rect } from "./privacy-mask-geometry.js";

type Props = { video: RefObject<HTMLVideoElement | null>; masks: readonly PrivacyMask[]; testId: string };

export function PrivacyMasks({ video, masks, testId }: Props) {
  const t = useT();
  const [box, setBox] = useState<{ w: number; h: number; picture: Rect | null }>({ w: 0, h: 0, picture: null });

  useEffect(() => {
    const el = video.current;
    if (!el || masks.length === 0) return;
    const measure = () => {
      const w = el.clientWidth;
      const h = el.clientHeight;
      setBox({ w, h, picture: containedPicture(w, h, el.videoWidth, el.videoHeight) });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    el.addEventListener("resize", measure);
    el.addEventListener("loadedmetadata", measure);
    return () => {
      observer.disconnect();
      el.removeEventListener("resize", measure);
      el.removeEventListener("loadedmetadata", measure);
    };
  }, [video, masks.length]);

  if (masks.length === 0) return null;
  // Until the first frame gives the picture's size, map onto the whole box (nothing is on screen before then).
  const picture = box.picture ?? { x: 0, y: 0, width: box.w, height: box.h };
  return (
    <svg className="privacy-masks" data-testid={testId} data-masks={masks.length} width="100%" height="100%" aria-label={t("privacy.masked", { n: masks.length })} role="img">
      {masks.map((mask, i) => (
        <polygon key={i} className="privacy-masks__mask" data-testid={`${testId}-${i}`} points={maskPoints(mask, picture)} />
      ))}
    </svg>
  );
}
