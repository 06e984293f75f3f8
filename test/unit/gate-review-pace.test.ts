import { describe, expect, it } from 'vitest';
import type { FileDiff, ReviewItem } from '../../src/diff/model.js';
import type { EvidenceRecord } from '../../src/evidence/types.js';
import { evaluateReview } from '../../src/gates/review.js';
import type { PaceSettings } from '../../src/gates/pace.js';

const file: FileDiff = { status: 'modified', oldPath: 'a.ts', newPath: 'a.ts', path: 'a.ts', oldMode: '100644', newMode: '100644', oldOid: null, newOid: null, similarity: null, binary: false, hunks: [] };
const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
const item: ReviewItem = { kind: 'lines', path: 'a.ts', file, hunk: null, summary: '', keys, lines: keys.map((key, i) => ({ key, side: '+', line: i + 1, text: '' })) };
const review = (mode: 'terminal' | 'piped', durationMs: number): EvidenceRecord => ({
  v: 1, id: 'r1', type: 'review', at: '2026-11-26T10:00:00.000Z', by: { name: 'Ann', email: 'ann@example.com' }, tool: 't', mode, keys, durationMs, lines: 100,
});
const settings = (over: Partial<PaceSettings> = {}): PaceSettings => ({ pace: 'warn', max_lines_per_hour: 1500, require_interactive: false, ...over });
const judge = (r: EvidenceRecord, s?: PaceSettings) => evaluateReview({ items: [{ item }], ignored: [], records: [r], required: true, fix: 'reviewgate review', ...(s ? { settings: s } : {}) });

describe('review pace', () => {
  // 100 lines in 60 s is 6000 lines/hour; in 10 min it is 600.
  it('warns about a review faster than max_lines_per_hour, naming who, when, lines, minutes and pace', () => {
    const result = judge(review('terminal', 60_000), settings());
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([expect.objectContaining({ code: 'review.pace', severity: 'warning', message: expect.stringMatching(/review r1 by Ann at 2026-11-26T10:00:00.000Z: 100 lines in 1.0 min \(6000 lines\/hour\) is faster than review.max_lines_per_hour \(1500\)/) })]);
  });
  it('with pace: fail, a too-fast review fails and its lines count as unreviewed', () => {
    const result = judge(review('terminal', 60_000), settings({ pace: 'fail' }));
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.code)).toEqual(['review.unreviewed', 'review.pace']);
  });
  it.each([
    ['a slow enough review', review('terminal', 600_000), settings()],
    ['pace: off', review('terminal', 1), settings({ pace: 'off' })],
    ['piped answers with pace: off', review('piped', 1), settings({ pace: 'off', piped: 'allow' })],
    ['no settings given (older callers)', review('terminal', 1), undefined],
  ])('draws nothing for %s', (_name, r, s) => expect(judge(r, s).findings).toEqual([]));
  it('review.piped refuse (the default) counts piped answers as unreviewed, without a second pace finding', () => {
    const result = judge(review('piped', 600_000), settings({ piped: 'refuse' }));
    expect(result.ok).toBe(false);
    expect(result.findings.map((f) => f.code)).toEqual(['review.unreviewed', 'review.piped']);
    expect(result.findings[1]?.message).toContain('review.piped: refuse');
  });
  it('a piped review that counts still carries a pace finding per review.pace', () => {
    const allowed = judge(review('piped', 600_000), settings({ piped: 'allow' }));
    expect(allowed.ok).toBe(true);
    expect(allowed.findings).toEqual([expect.objectContaining({ code: 'review.pace', severity: 'warning', message: expect.stringContaining('piped answers, no reading time measured') })]);
    const failing = judge(review('piped', 600_000), settings({ piped: 'allow', pace: 'fail' }));
    expect(failing.ok).toBe(false);
  });
  it('review.piped warn counts piped answers with a warning', () => {
    const result = judge(review('piped', 600_000), settings({ piped: 'warn', pace: 'off' }));
    expect(result.ok).toBe(true);
    expect(result.findings).toEqual([expect.objectContaining({ code: 'review.piped', severity: 'warning' })]);
  });
  it('require_interactive counts piped answers as unreviewed and says why', () => {
    const result = judge(review('piped', 600_000), settings({ require_interactive: true }));
    expect(result.ok).toBe(false);
    expect(result.findings.find((f) => f.code === 'review.piped')?.message).toContain('answered only from piped input');
  });
});
