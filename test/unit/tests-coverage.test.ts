import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DiffLine, FileDiff, Hunk, ReviewItem } from '../../src/diff/model.js';
import { addedLines, evaluateCoverage, type CoverageInput } from '../../src/testmap/coverage.js';
import { parseLcov } from '../../src/testmap/lcov.js';

const REAL = readFileSync(new URL('../fixtures/tests/vitest-coverage/lcov.info', import.meta.url), 'utf8');
const RUN = Date.parse('2026-01-01T10:00:00Z');

function input(over: Partial<CoverageInput> = {}): CoverageInput {
  return { lcov: 'coverage/lcov.info', min: 80, report: parseLcov(REAL), reportTime: RUN + 5000, runStart: RUN, ...over };
}
const lines = (entries: Record<string, readonly number[]>) => new Map(Object.entries(entries));

describe('evaluateCoverage', () => {
  it('passes when the changed executable lines are covered, ignoring non-executable ones', () => {
    // price.ts 2, 3 covered; 1, 4 are not in the report (a signature and a brace).
    const r = evaluateCoverage(input(), lines({ 'src/price.ts': [1, 2, 3, 4] }));
    expect(r.findings).toEqual([]);
    expect(r.files).toEqual([{ path: 'src/price.ts', measured: 2, covered: 2, percent: 100, uncovered: '', state: 'measured' }]);
    expect(r.summary).toBe('coverage: 100% of 2 changed lines covered');
  });

  it('fails a file below min with its uncovered ranges', () => {
    const r = evaluateCoverage(input(), lines({ 'src/total.ts': [4, 5, 6, 9, 10, 11, 12, 13] }));
    expect(r.findings).toEqual([
      expect.objectContaining({ code: 'tests.coverage_low', file: 'src/total.ts', line: 10, message: 'src/total.ts: 50% of 6 changed executable lines covered (min 80%); uncovered: 10-11, 13' }),
    ]);
  });

  it('matches report paths written absolute or with Windows separators', () => {
    for (const root of ['/home/ci/app/', 'C:\\ci\\app\\']) {
      const text = REAL.replace(/^SF:(.*)$/gm, (_m, p: string) => `SF:${root}${root.includes('\\') ? p.replace(/\//g, '\\') : p}`);
      const r = evaluateCoverage(input({ report: parseLcov(text) }), lines({ 'src/price.ts': [2, 5] }));
      expect(r.files[0]).toMatchObject({ measured: 2, covered: 1, uncovered: '5' });
    }
  });

  it.each([
    // [case, input override, changed, finding code]
    ['a missing report', { report: null }, { 'src/price.ts': [2] }, 'tests.coverage_missing'],
    ['an unreadable report', { report: 'no "SF:" record' }, { 'src/price.ts': [2] }, 'tests.coverage_unreadable'],
    ['no passing run of this tree', { runStart: null }, { 'src/price.ts': [2] }, 'tests.coverage_no_run'],
    ['a report older than the run', { reportTime: RUN - 60_000 }, { 'src/price.ts': [2] }, 'tests.coverage_stale'],
    ['a changed file the report lacks', {}, { 'src/cart.ts': [1] }, 'tests.coverage_not_in_report'],
    ['nothing measurable at all', {}, { 'src/price.ts': [1, 4, 7] }, 'tests.coverage_nothing_measured'],
    ['an empty report', { report: [] }, { 'src/price.ts': [2] }, 'tests.coverage_not_in_report'],
  ] as const)('fails closed on %s', (_case, over, changed, code) => {
    const r = evaluateCoverage(input(over), lines(changed));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([[code, 'error']]);
    expect(r.findings[0]?.fix).toMatch(/reviewgate run --force|paths relative/);
  });

  it('names the fix for a stale report: configure the coverage command and run again', () => {
    const r = evaluateCoverage(input({ reportTime: RUN - 60_000 }), lines({ 'src/price.ts': [2] }));
    expect(r.state).toBe('stale');
    expect(r.findings[0]?.fix).toBe('configure the command that writes coverage/lcov.info in run.commands, then `reviewgate run --force`');
  });

  it('accepts a report written during the run (mtime after the run started)', () => {
    expect(evaluateCoverage(input({ reportTime: RUN + 1 }), lines({ 'src/price.ts': [2] })).findings).toEqual([]);
  });

  it('has nothing to measure when no source line was added', () => {
    expect(evaluateCoverage(input({ report: null }), lines({ 'src/price.ts': [] }))).toMatchObject({ findings: [], summary: 'coverage: no changed source lines' });
  });
});

describe('addedLines', () => {
  const line = (side: DiffLine['side'], oldLine: number | null, newLine: number | null): DiffLine => ({ side, text: '', raw: Buffer.from(''), noEol: false, oldLine, newLine });
  const hunk = (oldStart: number, oldCount: number, newStart: number, newCount: number, ls: DiffLine[]): Hunk => ({ oldStart, oldCount, newStart, newCount, lines: ls });
  const file = (path: string, hunks: Hunk[], over: Partial<FileDiff> = {}): FileDiff => ({
    status: 'modified', oldPath: path, newPath: path, path, oldMode: '100644', newMode: '100644', oldOid: 'a', newOid: 'b', similarity: null, binary: false, hunks, ...over,
  });
  const items = (f: FileDiff, commit?: string) => f.hunks.map((h) => ({ item: { kind: 'lines', path: f.path, file: f, hunk: h, lines: [], keys: [], summary: '' } as ReviewItem, ...(commit ? { commit } : {}) }));

  it('lists the new-file numbers of added lines (staged mode)', () => {
    const f = file('src/a.ts', [hunk(1, 2, 1, 3, [line(' ', 1, 1), line('+', null, 2), line(' ', 2, 3)]), hunk(10, 1, 11, 2, [line(' ', 10, 11), line('+', null, 12)])]);
    expect(addedLines(items(f))).toEqual(new Map([['src/a.ts', [2, 12]]]));
  });

  it('carries lines of an earlier commit through later commits of a range (shifted or removed)', () => {
    // Commit 1 adds lines 5 and 6. Commit 2 inserts two lines before them and deletes line 6.
    const c1 = file('src/a.ts', [hunk(4, 1, 4, 3, [line(' ', 4, 4), line('+', null, 5), line('+', null, 6)])]);
    const c2 = file('src/a.ts', [
      hunk(1, 1, 1, 3, [line(' ', 1, 1), line('+', null, 2), line('+', null, 3)]),
      hunk(5, 2, 7, 1, [line(' ', 5, 7), line('-', 6, null)]),
    ]);
    expect(addedLines([...items(c1, 'c1'), ...items(c2, 'c2')])).toEqual(new Map([['src/a.ts', [2, 3, 7]]]));
  });

  it('follows a rename and forgets a deleted file', () => {
    const c1 = file('src/a.ts', [hunk(0, 0, 1, 1, [line('+', null, 1)])], { status: 'added', oldPath: null });
    const c2 = file('src/b.ts', [], { status: 'renamed', oldPath: 'src/a.ts' });
    const c3 = file('src/c.ts', [hunk(0, 0, 1, 1, [line('+', null, 1)])], { status: 'added', oldPath: null });
    const c4 = file('src/c.ts', [], { status: 'deleted', newPath: null });
    const rename = { item: { kind: 'rename', path: 'src/b.ts', file: c2, hunk: null, lines: [], keys: [], summary: '' } as ReviewItem, commit: 'c2' };
    const del = { item: { kind: 'delete', path: 'src/c.ts', file: c4, hunk: null, lines: [], keys: [], summary: '' } as ReviewItem, commit: 'c4' };
    expect(addedLines([...items(c1, 'c1'), rename, ...items(c3, 'c3'), del])).toEqual(new Map([['src/b.ts', [1]]]));
  });
});
