// Runs in the renderer. The small drawing of a layout: one rectangle per cell (spans drawn as one picture).
import { memo } from "react";
import type { Layout } from "../../../contract/wall-layout.js";
import { layoutDrawing } from "./layout-drawing.js";

type Props = { layout: Layout; width?: number; height?: number; highlight?: number | null };

export const LayoutIcon = memo(function LayoutIcon({ layout, width = 24, height = 16, highlight = null }: Props) {
  const gap = layout.rows > 5 || layout.cols > 5 ? 0.6 : 1;
  const rects = layoutDrawing(layout, { width, height, gap });
  return (
    <svg className="layout-icon" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" data-cells={layout.cells.length}>
      {rects.map((r, i) => (
        <rect key={i} x={r.x} y={r.y} width={r.width} height={r.height} className={i === highlight ? "layout-icon__focus" : undefined} />
      ))}
    </svg>
  );
});
