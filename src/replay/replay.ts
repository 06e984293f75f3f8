// `npm run replay -- <repo-dir> [<range>]` (scripts/replay.mjs): walks a repository's history and,
// commit by commit, compares reviewgate's review items with git's own --raw/--numstat and -U1
// hunk headers, timing how long reviewgate takes to read each commit. A development tool: it
// returns data and scripts/replay.mjs prints it. Merges are read as `check` reads them
// (--remerge-diff: what the merge itself changed), and git's account of them comes from the same
// remerge; octopus merges from their first-parent diff.
import { reviewItems } from '../diff/items.js';
import type { FileDiff, ReviewItem } from '../diff/model.js';
import { emptyTreeId, readCommitDiff } from '../git/diff.js';
import { gitsOwnAccount } from '../git/own-account.js';
import { Git } from '../git/exec.js';
import { historyWithParents } from '../git/history.js';
import { readRemergeDiff, supportsRemerge } from '../git/remerge.js';
import { compareCommit, type CommitTally } from './compare.js';
import { parseRawNumstat, parsePatchNumbers } from './gitview.js';

export interface CommitReport {
  readonly commit: string;
  readonly parents: number;
  /** Reading, parsing and itemising the commit as reviewgate does, in milliseconds. */
  readonly ms: number;
  readonly mismatches: readonly string[];
  readonly tally: CommitTally;
  /** Why the commit was not compared: git itself could not read it (objects missing). */
  readonly skipped?: string;
}

async function gitAccount(git: Git, commit: string, parents: readonly string[], empty: string, remerge: boolean) {
  const { raw, patch } = await gitsOwnAccount(git, commit, parents[0] ?? empty, remerge);
  return { files: parseRawNumstat(raw), numbers: parsePatchNumbers(patch) };
}

export interface ReplayOptions {
  readonly dir: string;
  /** A revision range for `git rev-list` (default HEAD: the whole history). */
  readonly range?: string;
  readonly onCommit?: (report: CommitReport, index: number, total: number) => void;
}

export async function replay(options: ReplayOptions): Promise<CommitReport[]> {
  const git = new Git(options.dir);
  const commits = (await historyWithParents(git, options.range ?? 'HEAD')).map((c) => [c.id, ...c.parents]);
  const empty = await emptyTreeId(git);
  const canRemerge = await supportsRemerge(git);
  const reports: CommitReport[] = [];
  for (const [i, [commit, ...parents]] of commits.entries()) {
    const id = commit as string;
    const remerge = parents.length === 2 && canRemerge;
    const t0 = performance.now();
    let items: ReviewItem[] | Error;
    try {
      const files: FileDiff[] = remerge ? await readRemergeDiff(git, id) : await readCommitDiff(git, parents[0] ?? empty, id);
      items = reviewItems(files);
    } catch (error) {
      items = error as Error;
    }
    const ms = performance.now() - t0;
    let account: Awaited<ReturnType<typeof gitAccount>>;
    try {
      account = await gitAccount(git, id, parents, empty, remerge);
    } catch (error) {
      // git cannot read the commit either (a clone with objects missing): nothing to compare.
      const report: CommitReport = { commit: id, parents: parents.length, ms, mismatches: [], tally: { files: 0, lines: 0, kinds: {} }, skipped: (error as Error).message.split('\n')[0] ?? 'unreadable' };
      reports.push(report);
      options.onCommit?.(report, i, commits.length);
      continue;
    }
    const { mismatches, tally } =
      items instanceof Error ? { mismatches: [`reviewgate could not read the commit: ${items.message}`], tally: { files: account.files.length, lines: 0, kinds: {} } } : compareCommit(items, account.files, account.numbers);
    const report: CommitReport = { commit: id, parents: parents.length, ms, mismatches, tally };
    reports.push(report);
    options.onCommit?.(report, i, commits.length);
  }
  return reports;
}

export interface ReplaySummary {
  readonly commits: number;
  readonly merges: number;
  readonly files: number;
  readonly lines: number;
  readonly kinds: Record<string, number>;
  readonly mismatches: number;
  readonly skipped: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly maxCommit: string | null;
}

export function summarize(reports: readonly CommitReport[]): ReplaySummary {
  const kinds: Record<string, number> = {};
  for (const r of reports) for (const [k, n] of Object.entries(r.tally.kinds)) kinds[k] = (kinds[k] ?? 0) + (n ?? 0);
  const compared = reports.filter((r) => r.skipped === undefined);
  const times = compared.map((r) => r.ms).sort((a, b) => a - b);
  const slowest = compared.reduce<CommitReport | null>((m, r) => (m === null || r.ms > m.ms ? r : m), null);
  const mid = times.length === 0 ? 0 : times.length % 2 ? (times[(times.length - 1) / 2] as number) : ((times[times.length / 2 - 1] as number) + (times[times.length / 2] as number)) / 2;
  return {
    commits: compared.length,
    merges: compared.filter((r) => r.parents > 1).length,
    files: reports.reduce((n, r) => n + r.tally.files, 0),
    lines: reports.reduce((n, r) => n + r.tally.lines, 0),
    kinds,
    mismatches: reports.reduce((n, r) => n + r.mismatches.length, 0),
    skipped: reports.length - compared.length,
    medianMs: mid,
    maxMs: slowest?.ms ?? 0,
    maxCommit: slowest?.commit ?? null,
  };
}
