// Reading an lcov tracefile (the `lcov.info` that c8, Vitest/Jest with V8 or Istanbul, nyc,
// coverage.py's `coverage lcov` and Go's converters write). Only what changed-line coverage needs:
// `SF:<path>` opens a file's record, `DA:<line>,<hits>[,<checksum>]` gives an executable line and
// how often it ran, `end_of_record` closes the record. Format: geninfo(1), "TRACEFILE FORMAT".

export interface LcovFile {
  /** The path as the report wrote it (absolute, relative, with `\` on Windows). */
  readonly path: string;
  /** Executable line → hit count. Records for the same path are merged (hits added). */
  readonly lines: ReadonlyMap<number, number>;
}

export class LcovError extends Error {}

export function parseLcov(text: string): LcovFile[] {
  const files = new Map<string, Map<number, number>>();
  let current: Map<number, number> | null = null;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line.startsWith('SF:')) {
      const path = line.slice(3);
      current = files.get(path) ?? new Map<number, number>();
      files.set(path, current);
    } else if (line.startsWith('DA:')) {
      const [n, hits] = line.slice(3).split(',');
      const lineNo = Number(n);
      const count = Number(hits);
      if (!current || !Number.isInteger(lineNo) || !Number.isFinite(count)) throw new LcovError(`line ${i + 1}: unreadable "${line}"`);
      current.set(lineNo, (current.get(lineNo) ?? 0) + count);
    } else if (line === 'end_of_record') current = null;
  }
  if (files.size === 0 && text.trim() !== '') throw new LcovError('no "SF:" record: this is not an lcov report');
  return [...files].map(([path, lines]) => ({ path, lines }));
}

const segments = (p: string): string[] => p.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');

/**
 * The report's record for a repository path, whatever the report's root: the record whose path
 * shares the longest run of trailing segments with it, where one is a whole suffix of the other
 * (`/ci/app/src/a.ts` and `C:\app\src\a.ts` for `src/a.ts`; `src/a.ts` for `packages/x/src/a.ts`
 * when the report was written inside the package). Two equally good records: ambiguous.
 */
export function findLcovFile(files: readonly LcovFile[], repoPath: string): LcovFile | 'ambiguous' | null {
  const want = segments(repoPath);
  let best: LcovFile | null = null;
  let bestScore = 0;
  let tie = false;
  for (const f of files) {
    const have = segments(f.path);
    let n = 0;
    while (n < want.length && n < have.length && want[want.length - 1 - n] === have[have.length - 1 - n]) n++;
    if (n === 0 || n < Math.min(want.length, have.length)) continue;
    if (n > bestScore) {
      best = f;
      bestScore = n;
      tie = false;
    } else if (n === bestScore && best && segments(best.path).join('/') !== have.join('/')) tie = true;
  }
  return tie ? 'ambiguous' : best;
}

/** `[12, 13, 14, 20]` → `12-14, 20`. */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}
