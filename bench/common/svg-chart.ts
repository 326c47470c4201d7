// Runs in bench orchestrators. A dependency-free grouped horizontal bar chart as SVG, committed next to each report.

export interface BarGroup {
  label: string;
  /** One value per series; null draws nothing (not measured). */
  values: Array<number | null>;
}

export interface BarChart {
  title: string;
  unit: string;
  series: string[];
  groups: BarGroup[];
  /** Optional vertical target line. */
  target?: { value: number; label: string };
}

const COLOURS = ["#3b6ea5", "#d98c2b", "#5a9e5a", "#a54b4b", "#7a5aa5"];

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function barChartSvg(chart: BarChart): string {
  const labelW = 190;
  const plotW = 460;
  const barH = 14;
  const groupGap = 10;
  const top = 46;
  const all = chart.groups.flatMap((g) => g.values).filter((v): v is number => v !== null);
  const maxV = Math.max(...all, chart.target?.value ?? 0, 1e-9) * 1.1;
  const x = (v: number): number => labelW + (v / maxV) * plotW;
  const groupH = chart.series.length * barH + groupGap;
  const height = top + chart.groups.length * groupH + 30;
  const width = labelW + plotW + 90;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="18" font-size="14" font-weight="bold">${esc(chart.title)}</text>`,
  ];
  chart.series.forEach((s, i) => {
    const lx = 10 + i * 120;
    out.push(`<rect x="${lx}" y="28" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/>`, `<text x="${lx + 14}" y="37">${esc(s)}</text>`);
  });
  chart.groups.forEach((g, gi) => {
    const gy = top + gi * groupH;
    out.push(`<text x="${labelW - 6}" y="${gy + (chart.series.length * barH) / 2 + 4}" text-anchor="end">${esc(g.label)}</text>`);
    g.values.forEach((v, si) => {
      if (v === null) return;
      const y = gy + si * barH;
      out.push(
        `<rect x="${labelW}" y="${y}" width="${Math.max(1, x(v) - labelW).toFixed(1)}" height="${barH - 2}" fill="${COLOURS[si % COLOURS.length]}"/>`,
        `<text x="${(x(v) + 4).toFixed(1)}" y="${y + barH - 4}">${esc(formatValue(v))} ${esc(chart.unit)}</text>`,
      );
    });
  });
  if (chart.target) {
    const tx = x(chart.target.value).toFixed(1);
    out.push(
      `<line x1="${tx}" y1="${top - 4}" x2="${tx}" y2="${height - 24}" stroke="#c00" stroke-dasharray="4 3"/>`,
      `<text x="${tx}" y="${height - 10}" fill="#c00" text-anchor="middle">${esc(chart.target.label)}</text>`,
    );
  }
  out.push(`</svg>`, "");
  return out.join("\n");
}

function formatValue(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}
