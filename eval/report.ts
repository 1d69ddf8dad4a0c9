import { escapeHtml, groupedBars, latencyDots, legendHtml } from './charts.ts';
import type { EvalReport, Metrics, RunSummary } from './types.ts';

/**
 * The `--report` page: one self-contained HTML file (inline CSS and SVG, no script, nothing
 * fetched) that a maintainer can attach to a release. Every string from the data is escaped.
 */

const HEADLINE: ReadonlyArray<[keyof Metrics, string]> = [
  ['hit1', 'hit@1'], ['hit3', 'hit@3'], ['hit5', 'hit@5'], ['hit10', 'hit@10'], ['mrr10', 'MRR@10'], ['cite1', 'cite@1'],
  ['agency', 'agency'], ['refusal', 'refusal'], ['falseRefusal', 'false refusal'], ['p50ms', 'p50 ms'], ['p95ms', 'p95 ms'],
];

const TYPE_ORDER = ['lead_agency', 'coordination', 'assignment', 'deadline', 'target', 'fact', 'unanswerable'];

function cell(v: number | null, key: keyof Metrics): string {
  if (v === null) return '<td class="na">–</td>';
  return `<td>${key.endsWith('ms') ? v.toFixed(1) : v.toFixed(3)}</td>`;
}

function headlineTable(runs: readonly RunSummary[]): string {
  const head = `<tr><th>run</th>${HEADLINE.map(([, label]) => `<th>${escapeHtml(label)}</th>`).join('')}</tr>`;
  const rows = runs.map((r) => `<tr><th>${escapeHtml(r.name)}</th>${HEADLINE.map(([key]) => cell(r[key], key)).join('')}</tr>`);
  return `<table class="metrics">${head}${rows.join('')}</table>`;
}

function breakdownTable(runs: readonly RunSummary[], pick: (r: RunSummary) => RunSummary['byType'], label: string): string {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const head = `<tr><th>${escapeHtml(label)}</th><th>n</th>${runs.map((r) => `<th>${escapeHtml(r.name)} hit@1</th><th>${escapeHtml(r.name)} MRR</th>`).join('')}</tr>`;
  const rows = keys.map((k) => {
    const n = runs.map((r) => pick(r)[k]?.n).find((x) => x !== undefined) ?? 0;
    const cells = runs.map((r) => cell(pick(r)[k]?.hit1 ?? null, 'hit1') + cell(pick(r)[k]?.mrr10 ?? null, 'mrr10')).join('');
    return `<tr><th>${escapeHtml(k)}</th><td>${n}</td>${cells}</tr>`;
  });
  return `<table class="metrics">${head}${rows.join('')}</table>`;
}

function order(type: string): number {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? TYPE_ORDER.length : i;
}

function missesTable(runs: readonly RunSummary[]): string {
  const misses = runs.flatMap((r) => r.misses);
  if (misses.length === 0) return '<p>No misses.</p>';
  const rows = misses.map((m) => {
    const expected = m.expected.doc ? `${m.expected.doc} ${m.expected.section ?? ''}` : '(not in the corpus)';
    const got = m.got ? `<b>${escapeHtml(`${m.got.doc} ${m.got.section}`)}</b><br>${escapeHtml(snippet(m.got.text))}` : '(nothing)';
    return `<tr><td>${escapeHtml(m.run)}</td><td>${escapeHtml(m.id)}</td><td>${escapeHtml(m.kind)}</td><td>${escapeHtml(m.type)}</td><td>${escapeHtml(m.question)}</td><td>${escapeHtml(expected)}</td><td>${m.rank ?? '–'}</td><td>${got}</td></tr>`;
  });
  return `<table class="misses"><tr><th>run</th><th>id</th><th>miss</th><th>type</th><th>question</th><th>expected</th><th>rank</th><th>came first instead</th></tr>${rows.join('')}</table>`;
}

function snippet(text: string): string {
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

function charts(report: EvalReport): string {
  const runs = report.runs;
  const hitk = groupedBars({
    id: 'chart-hitk', title: 'hit@k per run', groups: ['hit@1', 'hit@3', 'hit@5', 'hit@10', 'MRR@10'], max: 1,
    series: runs.map((r) => ({ name: r.name, values: [r.hit1, r.hit3, r.hit5, r.hit10, r.mrr10] })),
  });
  const types = [...new Set(runs.flatMap((r) => Object.keys(r.byType)))].sort((a, b) => order(a) - order(b));
  const missesByType = groupedBars({
    id: 'chart-misses', title: 'misses by question type', groups: types,
    series: runs.map((r) => ({ name: r.name, values: types.map((t) => r.misses.filter((m) => m.type === t).length) })),
  });
  const latency = latencyDots(
    'chart-latency', 'latency per question (log scale)',
    runs.map((r) => ({ name: r.name, values: r.latencies })),
    runs.map((r) => ({ p50: r.p50ms, p95: r.p95ms })),
  );
  return `<section><h2>hit@k</h2>${hitk}</section><section><h2>Misses by type</h2>${missesByType}</section><section><h2>Latency</h2>${latency}</section>`;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:3px 7px;text-align:left;vertical-align:top}
table.metrics td{text-align:right;font-variant-numeric:tabular-nums}td.na{color:#999;text-align:center}
table.misses td{font-size:12.5px;max-width:380px}
.chart{display:block;margin:6px 0}.chart .tick{font-size:11px;fill:#444}.chart .grid{stroke:#e3e3e3}
.legend .key{margin-right:18px;white-space:nowrap}.legend .swatch{display:inline-block;width:11px;height:11px;margin-right:5px;vertical-align:-1px}
.skipped{color:#8a5300}`;

export function renderReport(report: EvalReport, generatedAt: string): string {
  const runs = report.runs;
  const skipped = report.skipped.map((s) => `<li class="skipped">${escapeHtml(s.name)}: skipped, ${escapeHtml(s.reason)}</li>`).join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Evaluation: ${report.set}`)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(`Evaluation of ${report.set}: ${report.n} questions`)}</h1>
<p>Generated ${escapeHtml(generatedAt)}. Matching rule and metric definitions: shared/docs/contract.md and eval/metrics.ts. A refused answerable question counts as a miss for hit@k.</p>
${skipped ? `<ul>${skipped}</ul>` : ''}
${legendHtml(runs.map((r) => r.name))}
<h2>Headline</h2>${headlineTable(runs)}
${charts(report)}
<h2>By question type</h2>${breakdownTable(runs, (r) => r.byType, 'type')}
<h2>By language of the question</h2>${breakdownTable(runs, (r) => r.byLang, 'language')}
<h2>Misses (${runs.reduce((s, r) => s + r.misses.length, 0)})</h2>${missesTable(runs)}
</body></html>
`;
}
