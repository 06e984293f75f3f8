// Pinned values of everything recorded evidence depends on. Evidence in users' repositories holds
// these strings: a change to any of them silently voids every review and run ever recorded. If an
// encoding changes on purpose, bump its version tag (src/diff/keys.ts), update these values, and
// say in the README what happens to old evidence (key v2: README, "What 'reviewed' means").
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lineKey, nonLineKey, occurrenceKey } from '../../src/diff/keys.js';
import { treeFingerprint } from '../../src/diff/tree.js';
import { evidenceFileName } from '../../src/evidence/store.js';
import { pathBytes } from '../../src/git/paths.js';
import type { TreeEntry } from '../../src/git/reader.js';
import { planFileName } from '../../src/plan/template.js';

const b = (s: string) => Buffer.from(s);

describe('pinned encodings', () => {
  it.each([
    ['a line with both neighbours', () => lineKey('src/a.ts', '+', b('  return x;'), b('function f(x) {'), b('}')), 'ZsU-ZxJR6grLxtb5JxoGrt'],
    ['a deleted last line without a newline, alone in its file', () => lineKey('src/a.ts', '-', b('last'), null, null, { noEol: true }), 'BphUIKPCNyr-242g53xAAx'],
    ['a line whose next neighbour has no newline', () => lineKey('src/a.ts', '+', b('x'), b('p'), b('n'), { nextNoEol: true }), 'gH8MGWl1ftwXYXhEUfK9zm'],
    ['a line with two neighbours each way (key v2)', () => lineKey('src/a.ts', '+', b("    'delete',"), b("    'read',"), b('  ],'), { prev2: b('  admin: ['), next2: b('};') }), 'mHC9nmZ6dGapBvwAVbeuXN'],
    ['the second occurrence of a repeated line', () => occurrenceKey(lineKey('src/a.ts', '+', b('}'), b(''), b('}')), 2), 'I-0FHgpetzTRjU35OmGdCE'],
    ['a binary change', () => nonLineKey('binary', 'img/logo.png', 'a'.repeat(40), 'b'.repeat(40)), 'fx5TN_FJnu4m8cY9noXLmT'],
    ['a non-line item with an absent part and raw bytes', () => nonLineKey('rename', 'old.ts', null, Buffer.from([0xff, 0x00])), '41HUMvWWlO0eCTi_EYr-Rk'],
  ])('%s', (_name, compute, expected) => {
    expect(compute()).toBe(expected);
  });

  it('keys a line of megabytes by the same encoding, and the keys after it are unaffected', () => {
    // The encoding spelled out: per field a tag, a 32-bit big-endian length, the bytes.
    const field = (tag: number, bytes: Buffer | null) => Buffer.concat([Buffer.from([tag]), Buffer.from([0, 0, 0, 0].map((_, i) => ((bytes?.length ?? 0) >>> (24 - 8 * i)) & 0xff)), bytes ?? Buffer.alloc(0)]);
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'x');
    const encoding = Buffer.concat([field(3, b('reviewgate/line/v2')), field(3, b('dist/app.min.js')), field(3, b('+')), field(1, big), field(1, b('a')), field(0, null), field(0, null), field(0, null)]);
    const expected = createHash('sha256').update(encoding).digest('base64url').slice(0, 22);
    expect(lineKey('dist/app.min.js', '+', big, b('a'), null)).toBe(expected);
    expect(lineKey('src/a.ts', '+', b('  return x;'), b('function f(x) {'), b('}'))).toBe('ZsU-ZxJR6grLxtb5JxoGrt');
  });

  it('the tree fingerprint (order-free, evidence folder left out)', () => {
    const entries: TreeEntry[] = [
      { mode: '100644', oid: 'a'.repeat(40), path: 'src/a.ts' },
      { mode: '100755', oid: 'b'.repeat(40), path: 'bin/x' },
      { mode: '100644', oid: 'c'.repeat(40), path: '.reviewgate/evidence/main.jsonl' },
    ] as TreeEntry[];
    expect(treeFingerprint(entries, '.reviewgate')).toBe('7e02a99326668df80725b82da1e21d898d626f3ef38a604cde86a1f0df0a83e1');
    expect(treeFingerprint([...entries].reverse(), '.reviewgate')).toBe('7e02a99326668df80725b82da1e21d898d626f3ef38a604cde86a1f0df0a83e1');
  });

  it('the tree fingerprint of a large tree hashes each entry as `<mode> <oid> <path bytes>\\0`, raw bytes included', () => {
    // Paths that are not UTF-8 (decoded with U+DC80 + byte) at the edges of the thousand-entry chunks.
    const raw = new Set([0, 998, 999, 1000, 1999, 2001, 2499]);
    const entries: TreeEntry[] = Array.from({ length: 2500 }, (_, i) => ({
      mode: i % 7 === 0 ? '100755' : '100644',
      oid: createHash('sha1').update(String(i)).digest('hex'),
      path: raw.has(i) ? `d${String(i).padStart(4, '0')}/n\udcff\udc80${i}` : `d${String(i).padStart(4, '0')}/ñame ${i}.ts`,
    }));
    const sorted = [...entries].sort((a, c) => (a.path < c.path ? -1 : a.path > c.path ? 1 : 0));
    const reference = createHash('sha256');
    for (const e of sorted) reference.update(Buffer.concat([Buffer.from(`${e.mode} ${e.oid} `), pathBytes(e.path), Buffer.from([0])]));
    expect(treeFingerprint([...entries].reverse(), '.reviewgate')).toBe(reference.digest('hex'));
  });

  it.each([
    ['main', 'evidence/main.jsonl'],
    ['feature/pay-ment', 'evidence/feature--pay-ment.jsonl'],
    [null, 'evidence/detached.jsonl'],
    ['héllo wörld', 'evidence/h_llo_w_rld-a1003f7d.jsonl'],
  ])('the evidence file of branch %s is %s', (branch, file) => {
    expect(evidenceFileName(branch)).toBe(file);
  });

  it.each([
    ['feature/x', 'plans/feature--x.md'],
    [null, 'plans/detached.md'],
  ])('the plan file of branch %s is %s', (branch, file) => {
    expect(planFileName(branch)).toBe(file);
  });
});
