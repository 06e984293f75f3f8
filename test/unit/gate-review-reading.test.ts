// The physical reading limit, keys from a program, and the pace each reviewed item was read at.
import { describe, expect, it } from 'vitest';
import type { FileDiff, ReviewItem } from '../../src/diff/model.js';
import type { KeyTiming, ReviewRecord } from '../../src/evidence/types.js';
import { countedKeys, notFromPerson, type PaceSettings } from '../../src/gates/pace.js';
import { describeRead, itemReads } from '../../src/gates/reads.js';
import { evaluateReview } from '../../src/gates/review.js';
import { KeyTimer } from '../../src/review/input.js';
import { PageLog } from '../../src/review/pages.js';

const file: FileDiff = { status: 'modified', oldPath: 'a.ts', newPath: 'a.ts', path: 'a.ts', oldMode: '100644', newMode: '100644', oldOid: null, newOid: null, similarity: null, binary: false, hunks: [] };
const hunk = (tag: string, n: number, at: number): ReviewItem => {
  const keys = Array.from({ length: n }, (_, i) => `${tag}${i}`);
  return { kind: 'lines', path: 'a.ts', file, hunk: null, summary: '', keys, lines: keys.map((key, i) => ({ key, side: '+', line: at + i, text: '' })) };
};
const big = hunk('b', 360, 10);
const small = hunk('s', 4, 500);
const review = (parts: { item: ReviewItem; ms: number }[], input?: KeyTiming): ReviewRecord => ({
  v: 1, id: 'r1', type: 'review', mode: 'terminal', at: '2026-12-01T10:00:00.000Z', by: { name: 'Ann', email: 'ann@example.com' }, tool: 't',
  keys: parts.flatMap((p) => p.item.keys), durationMs: parts.reduce((n, p) => n + p.ms, 0), lines: parts.reduce((n, p) => n + p.item.lines.length, 0),
  items: parts.map((p) => ({ keys: [...p.item.keys], lines: p.item.lines.length, activeMs: p.ms })),
  ...(input ? { input } : {}),
});
const settings = (over: Partial<PaceSettings> = {}): PaceSettings => ({ pace: 'warn', max_lines_per_hour: 1500, max_lines_per_hour_fail: 6000, require_interactive: false, ...over });
const judge = (r: ReviewRecord, s: PaceSettings = settings(), items = [big, small]) =>
  evaluateReview({ items: items.map((item) => ({ item })), ignored: [], records: [r], required: true, fix: 'reviewgate review', settings: s });

describe('the physical reading limit (max_lines_per_hour_fail)', () => {
  it('does not count a review read faster than any person reads, and says so', () => {
    // 364 lines in 100 ms.
    const result = judge(review([{ item: big, ms: 50 }, { item: small, ms: 50 }]));
    expect(result.ok).toBe(false);
    expect(result.summary).toBe('0/364 changed lines reviewed');
    expect(result.findings.find((f) => f.code === 'review.pace')).toMatchObject({ severity: 'error', message: expect.stringContaining('faster than any person reads (review.max_lines_per_hour_fail 6000)') });
  });

  it('does not count one item read too fast inside a slow review, naming the item and its speed', () => {
    // The review overall: 364 lines in 20 min (1,092 lines/hour); the big hunk alone in 0.1 s.
    const result = judge(review([{ item: big, ms: 100 }, { item: small, ms: 1_200_000 }]));
    expect(result.summary).toBe('4/364 changed lines reviewed');
    const finding = result.findings.find((f) => f.code === 'review.pace');
    expect(finding?.severity).toBe('error');
    expect(finding?.message).toContain('1 item read faster than any person reads');
    expect(finding?.message).toContain('a.ts:10 (360 lines in 0.1 s, 12960000 lines/hour)');
  });

  it('does not judge small items by the fail limit: a glance at a short hunk is not a machine', () => {
    // 4 lines in 1 s is 14,400 lines/hour, but too few lines to time; the review overall is slow.
    const r = review([{ item: big, ms: 1_200_000 }, { item: small, ms: 1000 }]);
    expect(countedKeys(r, settings())).toHaveLength(364);
    expect(judge(r).ok).toBe(true);
  });

  it.each([
    ['slower than the limit', review([{ item: big, ms: 360_000 }]), settings()],
    ['pace: off', review([{ item: big, ms: 1 }]), settings({ pace: 'off' })],
    ['a raised limit', review([{ item: big, ms: 60_000 }]), settings({ max_lines_per_hour_fail: 50_000 })],
  ])('counts the review when %s', (_name, r, s) => expect(countedKeys(r, s)).toHaveLength(r.keys.length));
});

describe('keys from a program', () => {
  const slow = [{ item: big, ms: 1_200_000 }];
  it.each([
    ['keys read together, before their screen was drawn', { keys: 400, ahead: 399, burst: 0 }, /399 of 400 keys arrived before the screen they answered was drawn/],
    ['keys microseconds apart', { keys: 60, ahead: 0, burst: 59 }, /59 of 60 came less than 12 ms apart/],
  ])('marks a review typed by a program: %s', (_name, input, why) => {
    const result = judge(review(slow, input), settings(), [big]);
    expect(result.ok).toBe(false);
    expect(result.findings[0]).toMatchObject({ code: 'review.unreviewed' });
    expect(result.findings.find((f) => f.code === 'review.machine')?.message).toMatch(why);
  });

  it.each([
    ['a few keys in one read (a stalled machine)', { keys: 30, ahead: 3, burst: 1 }],
    ['five odd keys among many', { keys: 200, ahead: 5, burst: 5 }],
    ['no keys recorded (an older record)', undefined],
  ])('still counts a person: %s', (_name, input) => {
    const r = review(slow, input);
    expect(notFromPerson(r)).toBeNull();
    expect(judge(r, settings(), [big]).ok).toBe(true);
  });

  it('times keys: an answer read with another key is ahead of its screen, a read right after another is a burst', () => {
    const t = new KeyTimer(() => 0);
    t.key(0, false, 1000);
    t.read(1000);
    t.key(0, false, 1300); // a person, 300 ms later
    t.key(1, false, 1300); // a paging key read together with it: a held-down space on a busy machine
    t.key(2, true, 1300); // an answer read together with them: its screen was never drawn
    t.read(1300);
    t.key(0, false, 1305); // 5 ms after the last read
    t.read(1305);
    expect(t.timing).toEqual({ keys: 5, ahead: 1, burst: 1 });
  });
});

describe('pages on screen', () => {
  it('refuses a hunk until every row was on screen, and keeps the time each stretch was shown', () => {
    const p = new PageLog();
    expect(p.unseen('0')).toEqual({ from: 1, to: 1 });
    p.show('0', 100, 0, 40);
    p.charge(3000);
    expect(p.unseen('0')).toEqual({ from: 41, to: 100 });
    p.show('0', 100, 40, 80);
    p.charge(2000);
    p.show('0', 100, 0, 40);
    p.charge(500);
    expect(p.unseen('0')).toEqual({ from: 81, to: 100 });
    p.hide();
    p.charge(9999); // help screen: no stretch of the hunk is shown
    p.show('0', 100, 60, 100);
    p.charge(1000);
    expect(p.unseen('0')).toBeNull();
    expect(p.pages('0')).toEqual([
      { from: 1, to: 40, ms: 3500 },
      { from: 41, to: 80, ms: 2000 },
      { from: 61, to: 100, ms: 1000 },
    ]);
  });

  it('a change without rows needs only to have been drawn', () => {
    const p = new PageLog();
    expect(p.unseen('1')).not.toBeNull();
    p.show('1', 0, 0, 0);
    expect(p.unseen('1')).toBeNull();
    expect(p.pages('1')).toEqual([]);
  });
});

describe('the pace each reviewed item was read at', () => {
  it('lists reviewed items with their own pace, and shows it in check', () => {
    const r = review([{ item: big, ms: 360_000 }, { item: small, ms: 2000 }]);
    const reads = itemReads([{ item: big }, { item: small }, { item: hunk('u', 2, 900) }], [r], new Set(r.keys));
    expect(reads).toEqual([
      expect.objectContaining({ file: 'a.ts', line: 10, lines: 360, review: 'r1', by: 'Ann', mode: 'terminal', activeMs: 360_000, linesPerHour: 3600 }),
      expect.objectContaining({ file: 'a.ts', line: 500, lines: 4, linesPerHour: 7200 }),
    ]);
    expect(describeRead(reads[0]!)).toBe('360 lines in 360.0 s (3600 lines/hour) by Ann');
    expect(judge(r).reads).toHaveLength(2);
  });

  it('says piped answers have no pace', () => {
    const r: ReviewRecord = { ...review([{ item: small, ms: 0 }]), mode: 'piped' };
    const reads = itemReads([{ item: small }], [r], new Set(r.keys));
    expect(describeRead(reads[0]!)).toBe('answered from piped input by Ann (no pace)');
  });
});
