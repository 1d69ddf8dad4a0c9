import fs from 'node:fs';
import path from 'node:path';
import { TrackingStore } from '../../corpus/store/tracking.ts';
import { statusChartPng } from '../report/chart.ts';
import { buildReport, reportCsv, selectDocuments, selectProvince, vnToday } from '../report/summary.ts';
import { buildWorkbook } from '../report/xlsx.ts';
import { cliConfig, createProgram, isEntryPoint, runCommand, UsageError, type CommonOptions } from './args.ts';
import { ensureIngested, openPlanStore } from './ensure.ts';

/**
 * `npm run -s report -- --xlsx OUT.xlsx [--province P] [--plan DOC]`: the progress workbook
 * `/baocao` sends; `--csv OUT.csv` writes the machine-readable list (UTF-8 with BOM), `--png
 * OUT.png` the chart. With --json, prints what was written.
 */
interface ReportOptions extends CommonOptions {
  xlsx?: string;
  csv?: string;
  png?: string;
  province?: string;
  plan?: string;
  today?: string;
}

export async function runReport(argv: string[]): Promise<number> {
  const program = createProgram('report', 'Write the progress report: Excel workbook, CSV, chart')
    .option('--xlsx <file>', 'the workbook: a summary sheet per agency, one sheet per plan')
    .option('--csv <file>', 'every task in one CSV (UTF-8 with BOM, for Excel and scripts)')
    .option('--png <file>', 'the chart of tasks by status per lead agency')
    .option('--province <name>', 'only the plans of this province (a province today includes those merged into it)')
    .option('--plan <doc>', 'only this plan (file name, number or title words)')
    .option('--today <yyyy-mm-dd>', 'measure "overdue" against this day (default: today in Vietnam)');
  program.parse(argv, { from: 'user' });
  const opts = program.opts<ReportOptions>();
  if (!opts.xlsx && !opts.csv && !opts.png) throw new UsageError('Say what to write: --xlsx OUT.xlsx (and/or --csv OUT.csv, --png OUT.png).');
  const config = cliConfig(opts);
  const plans = await openPlanStore(config);
  try {
    await ensureIngested({ config, store: plans });
    let docs = await plans.listDocuments();
    if (opts.province) docs = selectProvince(docs, opts.province);
    if (opts.plan) docs = docs.filter((d) => d.id === opts.plan).length ? docs.filter((d) => d.id === opts.plan) : selectDocuments(docs, opts.plan);
    if (!docs.length) throw new UsageError(`No plan matches${opts.province ? ` --province ${opts.province}` : ''}${opts.plan ? ` --plan ${opts.plan}` : ''}.`);
    if (opts.today !== undefined && !/^\d{4}-\d\d-\d\d$/.test(opts.today)) throw new UsageError(`--today: expected yyyy-mm-dd, got ${opts.today}`);
    const today = opts.today ?? vnToday(new Date());
    const report = buildReport(docs, await plans.listTasks(), today);
    const tracking = new TrackingStore(plans.sql);
    const names = new Map((await tracking.listUsers()).map((u) => [u.id, u.name]));
    const scope = [opts.province, opts.plan].filter(Boolean).join(', ') || 'tất cả kế hoạch';
    const written: Record<string, string> = {};
    const write = (file: string, content: Buffer, kind: string) => {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, content);
      written[kind] = path.resolve(file);
    };
    if (opts.xlsx) write(opts.xlsx, await buildWorkbook({ report, today, userName: (id) => names.get(id) ?? null, scopeLabel: scope }), 'xlsx');
    if (opts.csv) write(opts.csv, reportCsv(report, today), 'csv');
    if (opts.png) write(opts.png, statusChartPng(report, today, `${scope} · ${report.tasks.length} nhiệm vụ`), 'png');
    const summary = { ...written, plans: docs.map((d) => d.id), tasks: report.tasks.length, overdue: report.overdue.length, neverUpdated: report.neverUpdated.length };
    process.stdout.write(opts.json ? `${JSON.stringify(summary)}\n` : `${Object.values(written).join('\n')}\n${docs.length} plan(s), ${report.tasks.length} task(s).\n`);
    return 0;
  } finally {
    await plans.sql.close();
  }
}

if (isEntryPoint(import.meta.url)) await runCommand(() => runReport(process.argv.slice(2)));
