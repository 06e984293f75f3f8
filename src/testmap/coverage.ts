// Coverage of the changed lines (`tests.coverage`): of the lines a change adds to a source file,
// the share that the lcov report lists as executable (`DA:`) and that ran (hits > 0). Pure: the
// report, its time and the run records' times are read by src/check/tests.ts.
import type { FileDiff, Hunk } from '../diff/model.js';
import type { Finding } from '../gates/types.js';
import { coverageLow, coverageNotFound, coverageNothingMeasured, coverageSummary, coverageUnusable, type CoverageUnusable } from '../report/wording.js';
import type { ReviewItem } from '../diff/model.js';
import { findLcovFile, lineRanges, type LcovFile } from './lcov.js';

export interface CoverageInput {
  /** The report's path as configured (relative to the repository root). */
  readonly lcov: string;
  readonly min: number;
  /** The parsed report; null when the file does not exist; a string when it cannot be read. */
  readonly report: readonly LcovFile[] | null | string;
  /** The report file's modification time (ms since the epoch). */
  readonly reportTime: number | null;
  /** When the last passing run of this tree started (ms); null when this tree has none. */
  readonly runStart: number | null;
}

interface FileCoverage {
  readonly path: string;
  /** Changed lines the report lists as executable, and how many of them ran. */
  readonly measured: number;
  readonly covered: number;
  /** null when nothing was measurable in this file. */
  readonly percent: number | null;
  readonly uncovered: string;
  /** in-report, or why the file could not be measured. */
  readonly state: 'measured' | 'not-in-report' | 'ambiguous';
}

export interface CoverageReport {
  readonly lcov: string;
  readonly min: number;
  /** ok: measured; missing/unreadable/stale/no-run: the report could not be used. */
  readonly state: 'ok' | CoverageUnusable['state'];
  readonly files: readonly FileCoverage[];
  readonly findings: readonly Finding[];
  readonly summary: string;
}

// mtime resolution is a second or two on some filesystems (FAT, some network mounts).
const CLOCK_SLACK_MS = 2000;

export function evaluateCoverage(input: CoverageInput, changed: ReadonlyMap<string, readonly number[]>): CoverageReport {
  const { lcov, min } = input;
  const fail = (why: CoverageUnusable): CoverageReport => ({
    lcov, min, state: why.state, files: [], summary: coverageSummary(why.state, null, 0),
    findings: [coverageUnusable(why, lcov)],
  });
  const wanted = [...changed].filter(([, lines]) => lines.length > 0);
  if (wanted.length === 0) return { lcov, min, state: 'ok', files: [], findings: [], summary: coverageSummary('ok', null, 0) };
  if (input.report === null) return fail({ state: 'missing' });
  if (typeof input.report === 'string') return fail({ state: 'unreadable', error: input.report });
  if (input.runStart === null) return fail({ state: 'no-run' });
  if (input.reportTime === null || input.reportTime + CLOCK_SLACK_MS < input.runStart) {
    return fail({ state: 'stale', written: input.reportTime, runStart: input.runStart });
  }
  const files: FileCoverage[] = [];
  const findings: Finding[] = [];
  let measured = 0;
  let covered = 0;
  for (const [path, lines] of wanted) {
    const rec = findLcovFile(input.report, path);
    if (rec === null || rec === 'ambiguous') {
      const state = rec === null ? 'not-in-report' : 'ambiguous';
      files.push({ path, measured: 0, covered: 0, percent: null, uncovered: lineRanges(lines), state });
      findings.push(coverageNotFound(path, lcov, rec !== null));
      continue;
    }
    const exec = lines.filter((n) => rec.lines.has(n));
    const missed = exec.filter((n) => (rec.lines.get(n) ?? 0) === 0);
    measured += exec.length;
    covered += exec.length - missed.length;
    const percent = exec.length === 0 ? null : Math.floor(((exec.length - missed.length) / exec.length) * 1000) / 10;
    files.push({ path, measured: exec.length, covered: exec.length - missed.length, percent, uncovered: lineRanges(missed), state: 'measured' });
    if (percent !== null && percent < min) {
      findings.push(coverageLow(path, percent, exec.length, min, lineRanges(missed), missed[0]));
    }
  }
  if (measured === 0 && findings.length === 0) {
    // Fail closed: a report that measured nothing proves nothing (wrong report, wrong files).
    findings.push(coverageNothingMeasured(lcov, wanted.reduce((n, [, l]) => n + l.length, 0)));
  }
  return { lcov, min, state: 'ok', files, findings, summary: coverageSummary('ok', measured, covered) };
}

/** Where a line of the old side lands on the new side of a file diff; null when it was removed. */
function shift(line: number, hunks: readonly Hunk[]): number | null {
  let delta = 0;
  for (const h of hunks) {
    if (h.oldCount === 0 ? line <= h.oldStart : line < h.oldStart) break;
    if (line < h.oldStart + h.oldCount) {
      const l = h.lines.find((x) => x.oldLine === line);
      return l && l.side === ' ' ? l.newLine : null;
    }
    delta += h.newCount - h.oldCount;
  }
  return line + delta;
}

/**
 * The added lines of each file, as new-file line numbers of the content judged. In range mode the
 * items come commit by commit; lines added by an earlier commit are carried through the later
 * commits' hunks (shifted, or dropped when a later commit removes them), so they are numbered as
 * in the range's last commit — the content the coverage report was made from.
 */
export function addedLines(items: readonly { readonly item: ReviewItem; readonly commit?: string }[]): Map<string, number[]> {
  const groups: FileDiff[][] = [];
  let commit: string | undefined | null = null;
  for (const { item, commit: c } of items) {
    if (groups.length === 0 || c !== commit) {
      groups.push([]);
      commit = c;
    }
    const group = groups.at(-1) as FileDiff[];
    if (!group.includes(item.file)) group.push(item.file);
  }
  const files = new Map<string, Set<number>>();
  for (const group of groups) {
    for (const f of group) {
      const before = files.get(f.oldPath ?? f.path);
      files.delete(f.oldPath ?? f.path);
      if (f.status === 'deleted') continue;
      const now = new Set<number>();
      for (const n of before ?? []) {
        const m = shift(n, f.hunks);
        if (m !== null) now.add(m);
      }
      for (const h of f.hunks) for (const l of h.lines) if (l.side === '+' && l.newLine !== null) now.add(l.newLine);
      files.set(f.path, now);
    }
  }
  return new Map([...files].map(([p, s]) => [p, [...s].sort((a, b) => a - b)]));
}
