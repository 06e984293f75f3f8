// Small pins on rules whose boundaries a change could move without any other test noticing.
import { describe, expect, it } from 'vitest';
import { parsePushLines } from '../../src/change/prepush.js';
import { UserError } from '../../src/errors.js';
import type { ReviewRecord } from '../../src/evidence/types.js';
import { tooFast, type PaceSettings } from '../../src/gates/pace.js';

const settings: PaceSettings = { pace: 'fail', max_lines_per_hour: 1500, require_interactive: false };
const review = (lines: number, durationMs: number): ReviewRecord => ({
  v: 1, id: 'r1', type: 'review', at: '2026-11-26T10:00:00.000Z', by: { name: 'Ann', email: 'ann@example.com' }, tool: 't', mode: 'terminal', keys: [], durationMs, lines,
}) as ReviewRecord;

describe('pace at the limit', () => {
  // 1500 lines in exactly one hour is the limit itself: allowed. One line more is too fast.
  it('allows a review exactly at max_lines_per_hour', () => expect(tooFast(review(1500, 3_600_000), settings)).toBe(false));
  it('flags a review one line above it', () => expect(tooFast(review(1501, 3_600_000), settings)).toBe(true));
});

describe('object ids in pre-push lines', () => {
  const ok40 = 'a'.repeat(40);
  it.each([
    ['a 41-character local id', `refs/heads/main ${'a'.repeat(41)} refs/heads/main ${ok40}`],
    ['a 63-character remote id', `refs/heads/main ${ok40} refs/heads/main ${'b'.repeat(63)}`],
    ['a 65-character local id', `refs/heads/main ${'a'.repeat(65)} refs/heads/main ${ok40}`],
    ['an upper-case id', `refs/heads/main ${'A'.repeat(40)} refs/heads/main ${ok40}`],
    ['an id with a non-hex letter', `refs/heads/main ${'g'.repeat(40)} refs/heads/main ${ok40}`],
  ])('refuses %s', (_what, line) => expect(() => parsePushLines(line)).toThrow(UserError));
  it.each([
    ['SHA-1', 40],
    ['SHA-256', 64],
  ])('accepts %s ids', (_what, n) => expect(parsePushLines(`refs/heads/main ${'c'.repeat(n)} refs/heads/main ${'0'.repeat(n)}`)).toHaveLength(1));
});
