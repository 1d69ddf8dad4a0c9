import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import type { TaskStatusCode } from '../../corpus/store/documents.ts';
import { STATUS_CODES, STATUS_LABELS } from '../../corpus/store/tracking.ts';
import { byLeadAgency, type AgencyProgress, type StatusReport } from './summary.ts';

/**
 * The chart `/baocao` sends: tasks by status for each lead agency, as stacked bars, drawn as
 * SVG and rasterised to PNG with resvg. Built for a phone: one column, the agency's name above
 * its bar so the bar gets the full width, large type. The font (Noto Sans, which covers
 * Vietnamese) ships with the project, so the server needs no system fonts.
 */

const require = createRequire(import.meta.url);
export const FONT_FILES = [
  require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
];

export const CHART_COLOURS: Readonly<Record<TaskStatusCode | 'none', string>> = {
  chua_bat_dau: '#9E9E9E',
  dang_thuc_hien: '#2F80ED',
  hoan_thanh: '#27AE60',
  cham_tien_do: '#F2994A',
  vuong_mac: '#EB5757',
  none: '#D6D6D6',
};

/** Agencies drawn one by one; the rest share a last bar. */
export const MAX_BARS = 12;
const WIDTH = 1080;
const PAD = 40;
const LABEL_SIZE = 28;
const BAR_HEIGHT = 34;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Splits a label into lines of about `max` characters at spaces; a third line is cut with "…". */
export function wrap(text: string, max: number, lines = 2): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > max) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  if (out.length <= lines) return out;
  const kept = out.slice(0, lines);
  kept[lines - 1] = `${kept[lines - 1]!.slice(0, max - 1)}…`;
  return kept;
}

type Segment = TaskStatusCode | 'none';
const SEGMENTS: readonly Segment[] = [...STATUS_CODES, 'none'];
const countOf = (a: AgencyProgress, s: Segment) => (s === 'none' ? a.neverUpdated : a.byStatus[s]);

function rowsOf(report: StatusReport, today: string): AgencyProgress[] {
  const all = byLeadAgency(report, today);
  if (all.length <= MAX_BARS) return all;
  const rest = all.slice(MAX_BARS - 1);
  const other: AgencyProgress = {
    agency: `Các cơ quan khác (${rest.length})`, formerly: [], tasks: 0, neverUpdated: 0, overdue: 0,
    byStatus: Object.fromEntries(STATUS_CODES.map((c) => [c, 0])) as Record<TaskStatusCode, number>,
  };
  for (const a of rest) {
    other.tasks += a.tasks;
    other.neverUpdated += a.neverUpdated;
    other.overdue += a.overdue;
    for (const c of STATUS_CODES) other.byStatus[c] += a.byStatus[c];
  }
  return [...all.slice(0, MAX_BARS - 1), other];
}

/** The chart as SVG text (exported for tests and for the dashboard's server-side fallback). */
export function statusChartSvg(report: StatusReport, today: string, subtitle: string): { svg: string; width: number; height: number } {
  const rows = rowsOf(report, today);
  const max = Math.max(1, ...rows.map((r) => r.tasks));
  const barWidth = WIDTH - 2 * PAD - 90;
  const parts: string[] = [];
  let y = PAD + 40;
  parts.push(`<text x="${PAD}" y="${y}" font-size="40" font-weight="bold" fill="#1A1A1A">Tiến độ nhiệm vụ theo cơ quan chủ trì</text>`);
  y += 44;
  parts.push(`<text x="${PAD}" y="${y}" font-size="26" fill="#555">${esc(subtitle)}</text>`);
  // Legend: two rows of three, large enough to read at phone width.
  y += 30;
  SEGMENTS.forEach((s, i) => {
    const x = PAD + (i % 3) * 330;
    const ly = y + Math.floor(i / 3) * 44;
    parts.push(`<rect x="${x}" y="${ly + 8}" width="28" height="28" rx="4" fill="${CHART_COLOURS[s]}"/>`);
    parts.push(`<text x="${x + 38}" y="${ly + 32}" font-size="26" fill="#333">${esc(s === 'none' ? 'chưa cập nhật' : STATUS_LABELS[s])}</text>`);
  });
  y += 2 * 44 + 30;
  if (!rows.length) parts.push(`<text x="${PAD}" y="${y + 30}" font-size="28" fill="#333">Chưa có nhiệm vụ nào trong phạm vi báo cáo.</text>`);
  for (const r of rows) {
    const label = wrap(r.agency, 62);
    label.forEach((line, i) => parts.push(`<text x="${PAD}" y="${y + LABEL_SIZE + i * (LABEL_SIZE + 6)}" font-size="${LABEL_SIZE}" fill="#1A1A1A">${esc(line)}</text>`));
    y += label.length * (LABEL_SIZE + 6) + 10;
    let x = PAD;
    for (const s of SEGMENTS) {
      const n = countOf(r, s);
      if (!n) continue;
      const w = (n / max) * barWidth;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${CHART_COLOURS[s]}"/>`);
      if (w >= 40) parts.push(`<text x="${(x + w / 2).toFixed(1)}" y="${y + 25}" font-size="22" text-anchor="middle" fill="${s === 'none' ? '#333' : '#fff'}" font-weight="bold">${n}</text>`);
      x += w;
    }
    parts.push(`<text x="${(x + 12).toFixed(1)}" y="${y + 26}" font-size="26" font-weight="bold" fill="#1A1A1A">${r.tasks}</text>`);
    y += BAR_HEIGHT + 28;
  }
  const height = Math.ceil(y + PAD);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Noto Sans">`
    + `<rect width="100%" height="100%" fill="#FFFFFF"/>${parts.join('')}</svg>`;
  return { svg, width: WIDTH, height };
}

/** SVG to PNG with the bundled font only. */
export function renderPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: 'Noto Sans' }, background: '#FFFFFF' });
  return resvg.render().asPng();
}

export function statusChartPng(report: StatusReport, today: string, subtitle: string): Buffer {
  return renderPng(statusChartSvg(report, today, subtitle).svg);
}
