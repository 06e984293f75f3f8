// The review gate counts lines, not keys (real git diffs): a line repeated with the same
// neighbours is reviewed per occurrence, and an empty file is an item, not a negative line count.
import { describe, expect, it } from 'vitest';
import type { ReviewItem } from '../../src/diff/model.js';
import type { EvidenceRecord } from '../../src/evidence/types.js';
import { evaluateReview } from '../../src/gates/review.js';
import { commitItems, stagedItems, useTestRepos } from './diff-support.js';

const repo = useTestRepos();

const base = { v: 1 as const, at: '2026-12-01T00:00:00.000Z', by: { name: 'Ann', email: 'ann@example.com' }, tool: 'test' };
const review = (keys: readonly string[]): EvidenceRecord => ({ ...base, id: 'r1', type: 'review', mode: 'terminal', keys, durationMs: 600_000, lines: keys.length });
const gate = (items: readonly ReviewItem[], records: EvidenceRecord[] = []) =>
  evaluateReview({ items: items.map((item) => ({ item })), ignored: [], records, required: true, fix: 'reviewgate review' });

// Two functions far apart that end the same way: `  return x;\n}\n` with the same neighbours.
const body = (n: number) => Array.from({ length: n }, (_, i) => `const filler${i} = ${i};`).join('\n');
const twin = 'function a() {\n  work();\n  return x;\n}\n';
const twin2 = 'function b() {\n  work();\n  return x;\n}\n';

describe('review counts', () => {
  it('gives every occurrence of a repeated line its own key, so nothing counts as reviewed without evidence', async () => {
    const r = repo();
    r.write('a.js', `${body(20)}\n${body(20)}\n`);
    r.commitAll('base');
    r.write('a.js', `${body(20)}\n${twin}${twin}\n${body(20)}\n${twin}`);
    r.git('add', '-A');
    const items = await stagedItems(r);
    const lines = items.flatMap((i) => i.lines);
    expect(lines.length).toBeGreaterThan(10);
    expect(new Set(lines.map((l) => l.key)).size).toBe(lines.length);
    const result = gate(items);
    expect(result.summary).toBe(`0/${lines.length} changed lines reviewed`);
  });

  it('an answer on one hunk does not review the same line in another hunk', async () => {
    const r = repo();
    r.write('a.js', `${body(10)}\n${body(10)}\n`);
    r.commitAll('base');
    r.write('a.js', `${body(10)}\nx();\n${twin2}${body(10)}\nx();\n${twin2}`);
    r.git('add', '-A');
    const items = await stagedItems(r);
    expect(items).toHaveLength(2);
    const [first, second] = items as [ReviewItem, ReviewItem];
    // Same content, same neighbours: only the occurrence number tells them apart.
    expect(first.lines.map((l) => l.text)).toEqual(second.lines.map((l) => l.text));
    const result = gate(items, [review(first.keys)]);
    expect(result.ok).toBe(false);
    expect(result.summary).toBe(`${first.lines.length}/${first.lines.length + second.lines.length} changed lines reviewed`);
    expect(result.findings[0]).toMatchObject({ message: `${second.lines.length} of ${second.lines.length} changed lines not reviewed` });
  });

  it('keeps the keys of repeated lines when a rebase only shifts them', async () => {
    const r = repo();
    r.write('a.js', `${body(10)}\n${body(10)}\n`);
    r.commitAll('base');
    r.write('a.js', `${body(10)}\nx();\n${twin2}${body(10)}\nx();\n${twin2}`);
    const before = (await commitItems(r, r.commitAll('twice'))).flatMap((i) => i.keys);
    // The same change on a base with lines added at the top.
    r.git('checkout', '-q', 'HEAD~1');
    r.write('a.js', `// header\n// more\n${body(10)}\n${body(10)}\n`);
    r.commitAll('shifted base');
    r.write('a.js', `// header\n// more\n${body(10)}\nx();\n${twin2}${body(10)}\nx();\n${twin2}`);
    const after = (await commitItems(r, r.commitAll('twice again'))).flatMap((i) => i.keys);
    expect(after).toEqual(before);
  });

  it('counts a new empty file as one other change, never as a negative line count', async () => {
    const r = repo();
    r.write('a.js', 'one\n');
    r.commitAll('base');
    r.write('empty.txt', '');
    r.write('a.js', 'one\ntwo\n');
    r.git('add', '-A');
    const items = await stagedItems(r);
    const result = gate(items);
    expect(result.summary).toBe('0/1 changed lines reviewed, 0/1 other changes acknowledged');
    expect(result.findings.map((f) => f.message)).toEqual(['1 of 1 changed lines not reviewed', 'new empty file not reviewed']);
    const all = gate(items, [review(items.flatMap((i) => i.keys))]);
    expect(all.ok).toBe(true);
    expect(all.summary).toBe('1/1 changed lines reviewed, 1/1 other changes acknowledged');
  });
});
