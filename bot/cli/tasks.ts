import type { TaskRecord } from '../../corpus/store/documents.ts';
import { cliConfig, createProgram, isEntryPoint, runCommand, type CommonOptions } from './args.ts';
import { ensureIngested, openPlanStore, type AfterIngest } from './ensure.ts';
import { toTaskJson } from '../report/task-json.ts';

export { toTaskJson };

/**
 * `npm run -s tasks -- [--data-dir D] --json [--agency NAME]`: the tasks extracted from the
 * plans, as JSON or as a table. Ingests the sample plans first on a fresh data dir.
 */
interface TasksOptions extends CommonOptions {
  agency?: string;
  doc?: string;
  includeRemoved?: boolean;
}

export async function runTasks(argv: string[], hooks: { afterIngest?: AfterIngest } = {}): Promise<number> {
  const program = createProgram('tasks', 'List the tasks extracted from the ingested plans')
    .option('--agency <name>', 'only tasks this agency leads or coordinates (diacritics optional)')
    .option('--doc <id>', 'only tasks of this document (its file name)')
    .option('--include-removed', 'also list tasks that disappeared from a newer version of their plan');
  program.parse(argv, { from: 'user' });
  const opts = program.opts<TasksOptions>();
  const config = cliConfig(opts);
  const store = await openPlanStore(config);
  try {
    await ensureIngested({ config, store, ...(hooks.afterIngest ? { afterIngest: hooks.afterIngest } : {}) });
    const tasks = await store.listTasks({
      ...(opts.agency !== undefined ? { agency: opts.agency } : {}),
      ...(opts.doc !== undefined ? { docId: opts.doc } : {}),
      includeRemoved: opts.includeRemoved === true,
    });
    process.stdout.write(opts.json ? `${JSON.stringify(tasks.map(toTaskJson))}\n` : formatTaskTable(tasks));
    return 0;
  } finally {
    await store.sql.close();
  }
}

const COLUMNS: readonly { title: string; width: number; cell: (t: TaskRecord) => string }[] = [
  { title: 'Mã', width: 12, cell: (t) => t.id },
  { title: 'Văn bản', width: 24, cell: (t) => t.docId },
  { title: 'Mục', width: 14, cell: (t) => t.section },
  { title: 'Chủ trì', width: 28, cell: (t) => t.lead.join('; ') },
  { title: 'Thời hạn', width: 16, cell: (t) => t.deadline?.date ?? t.deadline?.text ?? '' },
  { title: 'Trạng thái', width: 20, cell: (t) => (t.removedAt ? 'đã bỏ khỏi KH' : t.status ? `${t.status.status}${t.status.percent === null ? '' : ` ${t.status.percent}%`}` : '') },
  { title: 'Nhiệm vụ', width: 60, cell: (t) => t.text.replace(/\s+/g, ' ') },
];

/** A plain-text table for a terminal: one line per task, long cells cut with "…". */
export function formatTaskTable(tasks: TaskRecord[]): string {
  if (tasks.length === 0) return 'No tasks found.\n';
  const line = (cells: string[]) => cells.map((c, i) => fit(c, COLUMNS[i]!.width)).join('  ').trimEnd();
  const rows = [line(COLUMNS.map((c) => c.title)), line(COLUMNS.map((c) => '-'.repeat(c.width)))];
  for (const t of tasks) rows.push(line(COLUMNS.map((c) => c.cell(t))));
  rows.push(`${tasks.length} task(s)`);
  return `${rows.join('\n')}\n`;
}

function fit(text: string, width: number): string {
  const chars = [...text.normalize('NFC')];
  if (chars.length <= width) return text.normalize('NFC').padEnd(width);
  return `${chars.slice(0, width - 1).join('')}…`;
}

if (isEntryPoint(import.meta.url)) await runCommand(() => runTasks(process.argv.slice(2)));
