import { describe, expect, it } from 'vitest';
import type { ReviewItem } from '../../src/diff/model.js';
import type { EvidenceRecord } from '../../src/evidence/types.js';
import { keysNeedingReviewer, reviewerFindings, reviewersByKey, type ReviewerRule } from '../../src/gates/reviewers.js';

const item = { kind: 'lines', path: 'src/pay/a.ts', keys: ['k1', 'k2'], lines: [{ key: 'k1', line: 1 }, { key: 'k2', line: 2 }] } as unknown as ReviewItem;
const review = (email: string, keys: string[], id = email): EvidenceRecord => ({ v: 1, type: 'review', id, at: '2026-01-01T00:00:00.000Z', by: { name: email, email }, tool: '1', mode: 'terminal', keys, durationMs: 600_000, lines: keys.length });
const rule = (over: Partial<ReviewerRule> = {}): ReviewerRule => ({ paths: ['src/pay/**'], reviewers: 2, distinct_from_author: false, ...over });
const judge = (records: EvidenceRecord[], r = rule(), author: string | null = null, verified = true) =>
  reviewerFindings({ items: [{ item }], records, rules: [r], matches: (p) => p.startsWith('src/pay/'), authorOf: () => author, verified, fix: 'reviewgate review' });

describe('review.rules', () => {
  it.each([
    ['two distinct people', [review('a@x', ['k1', 'k2']), review('b@x', ['k1', 'k2'])], []],
    ['one person twice', [review('a@x', ['k1', 'k2']), review('a@x', ['k1', 'k2'], 'again')], ['review.reviewers']],
    ['the same person in another letter case', [review('a@x', ['k1', 'k2']), review('A@X', ['k1', 'k2'], 'again')], ['review.reviewers']],
    ['a second person for one line only', [review('a@x', ['k1', 'k2']), review('b@x', ['k1'])], ['review.reviewers']],
  ])('%s', (_name, records, codes) => expect(judge(records).map((f) => f.code)).toEqual(codes));
  it('names the lines that lack their second reviewer', () => {
    const [f] = judge([review('a@x', ['k1', 'k2']), review('b@x', ['k1'])]);
    expect(f).toMatchObject({ file: 'src/pay/a.ts', line: 2, message: expect.stringContaining('1 changed lines lack their second reviewer') });
  });
  it('leaves the author out when distinct_from_author', () => {
    const records = [review('a@x', ['k1', 'k2']), review('b@x', ['k1', 'k2'])];
    expect(judge(records, rule({ distinct_from_author: true }), 'a@x').map((f) => f.code)).toEqual(['review.reviewers']);
    expect(judge(records, rule({ distinct_from_author: true, reviewers: 1 }), 'a@x')).toEqual([]);
  });
  it('warns that reviewers are unverified without signatures', () => {
    expect(judge([review('a@x', ['k1', 'k2']), review('b@x', ['k1', 'k2'])], rule(), null, false).map((f) => f.code)).toEqual(['review.reviewers_unverified']);
  });
  it('offers a second reviewer the lines they have not reviewed, and the first reviewer nothing', () => {
    const byKey = reviewersByKey([review('a@x', ['k1', 'k2'])]);
    expect(keysNeedingReviewer(item, byKey, rule(), null, 'b@x')).toEqual(['k1', 'k2']);
    expect(keysNeedingReviewer(item, byKey, rule(), null, 'a@x')).toEqual([]);
    expect(keysNeedingReviewer(item, byKey, rule({ distinct_from_author: true }), 'b@x', 'b@x')).toEqual([]);
  });
});
