// Cached verdicts: `<common git dir>/reviewgate/verdicts/<key>.json`, one small file per key (see
// key.ts for what the key covers). A check's entry holds its report (printed afresh in whatever
// format and colour is asked); a run's holds what it printed. Only a full command writes an entry,
// and only when everything its answer read is covered by the key; a missing, corrupt or foreign
// entry is a miss. The folder is local to the clone and never read by `check --range`,
// `--pre-push` or `--ci`.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckReport } from '../change/evaluate.js';
import type { VerdictKey } from './key.js';

export type VerdictEntry =
  | {
      readonly kind: 'check';
      readonly report: CheckReport;
      /** Set when the verdict depends on the author of the commit being made (review.rules). */
      readonly author?: string | null;
    }
  | { readonly kind: 'run'; readonly stderr: string };

/** Entries kept: the newest, by modification time (a clone checks few contents again). */
const KEEP = 64;

export function readVerdict(at: VerdictKey): VerdictEntry | null {
  try {
    const entry = JSON.parse(readFileSync(join(at.dir, `${at.key}.json`), 'utf8')) as { key?: unknown; entry?: Partial<VerdictEntry> };
    const e = entry.entry;
    if (entry.key !== at.key || !e) return null;
    if (e.kind === 'run' && typeof e.stderr === 'string') return { kind: 'run', stderr: e.stderr };
    if (e.kind === 'check' && isReport(e.report)) {
      if (e.author !== undefined && e.author !== null && typeof e.author !== 'string') return null;
      return { kind: 'check', report: e.report, ...(e.author !== undefined ? { author: e.author } : {}) };
    }
    return null;
  } catch {
    return null;
  }
}

function isReport(r: unknown): r is CheckReport {
  const report = r as Partial<CheckReport> | null;
  return (
    typeof report === 'object' &&
    report !== null &&
    typeof report.ok === 'boolean' &&
    Array.isArray(report.gates) &&
    report.gates.every((g) => typeof g === 'object' && g !== null && Array.isArray(g.findings)) &&
    Array.isArray(report.notes) &&
    typeof report.target === 'object'
  );
}

export function writeVerdict(at: VerdictKey, entry: VerdictEntry): void {
  try {
    mkdirSync(at.dir, { recursive: true });
    const tmp = join(at.dir, `${at.key}.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ key: at.key, entry }));
    renameSync(tmp, join(at.dir, `${at.key}.json`));
    prune(at.dir);
  } catch {
    // An unwritable git dir only costs speed.
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= KEEP) return;
  const aged = names.map((n) => ({ n, t: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => b.t - a.t);
  for (const { n } of aged.slice(KEEP)) rmSync(join(dir, n), { force: true });
}
