/**
 * Inline SVG charts for the HTML report: no script, no external resource, so the page opens
 * from an e-mail attachment or an air-gapped office machine.
 */

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Colour-blind-safe palette (Okabe–Ito), one colour per run in run order. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

export const colorOf = (i: number): string => PALETTE[i % PALETTE.length] ?? '#000000';

export interface Series {
  name: string;
  values: Array<number | null>;
}

export interface BarChart {
  id: string;
  title: string;
  groups: string[];
  series: Series[];
  /** Top of the value axis; defaults to the largest value. */
  max?: number;
  format?: (v: number) => string;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

/** Grouped vertical bars: one group per category, one bar per series; a null value draws no bar. */
export function groupedBars(chart: BarChart): string {
  const format = chart.format ?? fmt;
  const all = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = chart.max ?? Math.max(1, ...all);
  const barW = 16;
  // Wide enough for a label such as "lead_agency" even when a single run leaves the bars narrow.
  const groupW = Math.max(90, Math.max(1, chart.series.length) * barW + 24);
  const plotH = 160;
  const left = 36;
  const width = left + chart.groups.length * groupW + 10;
  const height = plotH + 50;
  const bars: string[] = [];
  chart.groups.forEach((group, g) => {
    const x0 = left + g * groupW + (groupW - chart.series.length * barW) / 2;
    chart.series.forEach((s, i) => {
      const v = s.values[g];
      if (v === null || v === undefined) return;
      const h = max > 0 ? (v / max) * plotH : 0;
      const x = x0 + i * barW;
      bars.push(
        `<rect class="bar" x="${x}" y="${(20 + plotH - h).toFixed(1)}" width="${barW - 2}" height="${h.toFixed(1)}" fill="${colorOf(i)}"><title>${escapeHtml(`${s.name} · ${group}: ${format(v)}`)}</title></rect>`,
      );
    });
    bars.push(`<text x="${x0 + (chart.series.length * barW) / 2}" y="${plotH + 36}" text-anchor="middle" class="tick">${escapeHtml(group)}</text>`);
  });
  const axis = [0, 0.5, 1].map((f) => {
    const y = 20 + plotH - f * plotH;
    return `<line x1="${left}" x2="${width - 10}" y1="${y}" y2="${y}" class="grid"/><text x="${left - 4}" y="${y + 4}" text-anchor="end" class="tick">${escapeHtml(format(f * max))}</text>`;
  });
  return svg(chart.id, chart.title, width, height, [...axis, ...bars]);
}

export interface DotSeries {
  name: string;
  values: number[];
}

/**
 * Latency distribution: one row per run, a dot per question on a log scale (latencies span
 * from under a millisecond for BM25 to seconds for a model), with p50 and p95 ticks.
 */
export function latencyDots(id: string, title: string, series: DotSeries[], marks: Array<{ p50: number | null; p95: number | null }>): string {
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
  const lo = Math.log10(Math.max(0.01, Math.min(...all, 1)));
  const hi = Math.log10(Math.max(...all, 10)) + 0.05;
  const left = 130;
  const plotW = 520;
  const rowH = 34;
  const height = series.length * rowH + 50;
  const x = (v: number) => left + ((Math.log10(Math.max(v, 0.01)) - lo) / (hi - lo || 1)) * plotW;
  const parts: string[] = [];
  series.forEach((s, i) => {
    const y = 20 + i * rowH + rowH / 2;
    parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end" class="tick">${escapeHtml(s.name)}</text>`);
    for (const v of s.values) parts.push(`<circle class="dot" cx="${x(v).toFixed(1)}" cy="${y}" r="3" fill="${colorOf(i)}" fill-opacity="0.55"><title>${escapeHtml(`${fmt(v)} ms`)}</title></circle>`);
    const m = marks[i];
    for (const [label, v] of [['p50', m?.p50], ['p95', m?.p95]] as const) {
      if (v === null || v === undefined) continue;
      parts.push(`<line class="mark" x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${y - 12}" y2="${y + 12}" stroke="#333"/><text x="${x(v).toFixed(1)}" y="${y - 14}" text-anchor="middle" class="tick">${label}</text>`);
    }
  });
  for (let p = Math.ceil(lo); p <= Math.floor(hi); p++) {
    const v = 10 ** p;
    parts.push(`<line x1="${x(v)}" x2="${x(v)}" y1="14" y2="${height - 30}" class="grid"/><text x="${x(v)}" y="${height - 16}" text-anchor="middle" class="tick">${escapeHtml(`${fmt(v)} ms`)}</text>`);
  }
  return svg(id, title, left + plotW + 20, height, parts);
}

/** One legend for every chart of the page: a run keeps its colour throughout. */
export function legendHtml(names: string[]): string {
  const items = names.map((n, i) => `<span class="key"><span class="swatch" style="background:${colorOf(i)}"></span>${escapeHtml(n)}</span>`);
  return `<p class="legend">${items.join('')}</p>`;
}

function svg(id: string, title: string, width: number, height: number, parts: string[]): string {
  return `<svg id="${escapeHtml(id)}" class="chart" role="img" aria-label="${escapeHtml(title)}" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`;
}
