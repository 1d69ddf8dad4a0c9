import type { AlqacReport } from './alqac.ts';
import type { EvalReport, Metrics } from './types.ts';

/** Plain-text tables for stdout (the JSON goes to a file with --json). */

const COLUMNS: ReadonlyArray<[keyof Metrics, string]> = [
  ['hit1', 'hit@1'], ['hit3', 'hit@3'], ['hit5', 'hit@5'], ['hit10', 'hit@10'], ['mrr10', 'MRR@10'], ['cite1', 'cite@1'],
  ['agency', 'agency'], ['refusal', 'refusal'], ['falseRefusal', 'falseRef'], ['p50ms', 'p50ms'], ['p95ms', 'p95ms'],
];

function num(v: number | null | undefined, ms = false): string {
  if (v === null || v === undefined) return '–';
  return ms ? v.toFixed(1) : v.toFixed(3);
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatEvalTable(report: EvalReport): string {
  const rows = report.runs.map((r) => [r.name, ...COLUMNS.map(([k]) => num(r[k], k.endsWith('ms')))]);
  const lines = [`${report.set}: ${report.n} questions`, table(['run', ...COLUMNS.map(([, label]) => label)], rows)];
  for (const s of report.skipped) lines.push(`${s.name}: skipped (${s.reason})`);
  const first = report.runs[0];
  if (first) {
    const types = Object.entries(first.byType).map(([t, m]) => [t, String(m.n), num(m.hit1), num(m.mrr10), num(m.cite1)]);
    lines.push('', `${first.name} by question type`, table(['type', 'n', 'hit@1', 'MRR@10', 'cite@1'], types));
    const langs = Object.entries(first.byLang).map(([l, m]) => [l, String(m.n), num(m.hit1), num(m.mrr10), num(m.cite1)]);
    lines.push('', `${first.name} by language`, table(['language', 'n', 'hit@1', 'MRR@10', 'cite@1'], langs));
    lines.push('', `${first.name}: ${first.misses.length} misses (listed in --json and --report)`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatAlqacTable(report: AlqacReport): string {
  const rows = report.runs.map((r) => [r.name, num(r.r1), num(r.r5), num(r.r10), num(r.mrr10), num(r.p50ms, true), num(r.p95ms, true)]);
  const lines = [`${report.benchmark} ${report.split}: ${report.n} questions`, table(['run', 'R@1', 'R@5', 'R@10', 'MRR@10', 'p50ms', 'p95ms'], rows)];
  for (const s of report.skipped) lines.push(`${s.name}: skipped (${s.reason})`);
  return `${lines.join('\n')}\n`;
}
