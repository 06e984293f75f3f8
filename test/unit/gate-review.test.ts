import { describe, expect, it } from 'vitest';
import type { FileDiff, ReviewItem } from '../../src/diff/model.js';
import type { EvidenceRecord } from '../../src/evidence/types.js';
import { evaluateReview, openConcerns } from '../../src/gates/review.js';

const file: FileDiff = {
  status: 'modified', oldPath: 'a.ts', newPath: 'a.ts', path: 'a.ts', oldMode: '100644', newMode: '100644',
  oldOid: null, newOid: null, similarity: null, binary: false, hunks: [],
};
const lines = (keys: string[]): ReviewItem => ({
  kind: 'lines', path: 'a.ts', file, hunk: null, summary: '',
  lines: keys.map((key, i) => ({ key, side: '+', line: 10 + i, text: `line ${i}` })), keys,
});
const binary: ReviewItem = { kind: 'binary', path: 'logo.png', file, hunk: null, lines: [], keys: ['bin1'], summary: 'binary file changed' };
const base = { v: 1 as const, at: '2026-11-26T00:00:00.000Z', by: { name: 'Ann', email: 'ann@example.com' }, tool: 'test' };
const review = (keys: string[]): EvidenceRecord => ({ ...base, id: `r-${keys.join()}`, type: 'review', mode: 'piped', keys, durationMs: 1, lines: keys.length });
const input = (records: EvidenceRecord[], items = [lines(['k1', 'k2', 'k3']), binary]) => ({
  items: items.map((item) => ({ item })), ignored: [], records, required: true, fix: 'reviewgate review',
});

describe('review gate', () => {
  it('fails when nothing was reviewed, naming the first unreviewed line and the fix', () => {
    const result = evaluateReview(input([]));
    expect(result.ok).toBe(false);
    expect(result.summary).toBe('0/3 changed lines reviewed, 0/1 other changes acknowledged');
    expect(result.findings[0]).toMatchObject({ file: 'a.ts', line: 10, message: '3 of 3 changed lines not reviewed', fix: 'reviewgate review' });
    expect(result.findings[1]).toMatchObject({ file: 'logo.png', message: 'binary file changed not reviewed' });
  });

  it('counts a partly reviewed hunk as unreviewed and points at its first missing line', () => {
    const result = evaluateReview(input([review(['k1', 'bin1'])]));
    expect(result.ok).toBe(false);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ line: 11, message: '2 of 3 changed lines not reviewed' });
  });

  it('holds when every key is in some review record', () => {
    const result = evaluateReview(input([review(['k1']), review(['k2', 'k3', 'bin1'])]));
    expect(result.ok).toBe(true);
    expect(result.summary).toBe('3/3 changed lines reviewed, 1/1 other changes acknowledged');
  });

  it('lists ignored paths as a warning, never silently', () => {
    const result = evaluateReview({ ...input([review(['k1', 'k2', 'k3', 'bin1'])]), ignored: ['package-lock.json'] });
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('package-lock.json') })]);
  });

  it('fails on an open concern on the change until it is resolved', () => {
    const concern: EvidenceRecord = { ...base, id: 'c1', type: 'concern', keys: ['k2'], path: 'a.ts', line: 11, text: 'lock order?' };
    const all = [review(['k1', 'k2', 'k3', 'bin1']), concern];
    const open = evaluateReview(input(all));
    expect(open.ok).toBe(false);
    expect(open.findings[0]).toMatchObject({ code: 'review.concern', line: 11, fix: 'reviewgate review --resolve c1 "<how it was settled>"' });
    const resolved: EvidenceRecord = { ...base, id: 'x', type: 'resolve', concern: 'c1', text: 'checked: single lock' };
    expect(evaluateReview(input([...all, resolved])).ok).toBe(true);
  });

  it('ignores concerns on hunks that are no longer part of the change', () => {
    const concern: EvidenceRecord = { ...base, id: 'c2', type: 'concern', keys: ['gone'], path: 'a.ts', line: 1, text: '?' };
    expect(openConcerns([concern], new Set(['k1']))).toEqual([]);
  });
});

describe('concerns recorded with keys of an earlier key version', () => {
  it('stay open while their file is part of the change, until resolved', async () => {
    const { openConcerns } = await import('../../src/gates/review.js');
    const concern = { v: 1, type: 'concern', id: 'c1', at: '2026-01-01T00:00:00.000Z', by: { name: 'a', email: 'a@b' }, tool: '0', keys: ['1~AAAAAAAAAAAAAAAAAAAAAA'], path: 'src/a.ts', line: 3, text: 'lock order?' } as const;
    expect(openConcerns([concern], new Set(['x']), new Set(['src/a.ts']))).toHaveLength(1);
    expect(openConcerns([concern], new Set(['x']), new Set(['src/b.ts']))).toHaveLength(0);
    const resolve = { v: 1, type: 'resolve', id: 'r1', at: '2026-01-01T00:00:00.000Z', by: { name: 'a', email: 'a@b' }, tool: '0', concern: 'c1', text: 'ok' } as const;
    expect(openConcerns([concern, resolve], new Set(['x']), new Set(['src/a.ts']))).toHaveLength(0);
  });
});
