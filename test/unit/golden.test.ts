// Pinned values of everything recorded evidence depends on. Evidence in users' repositories holds
// these strings: a change to any of them silently voids every review and run ever recorded. If an
// encoding changes on purpose, bump its version tag (src/diff/keys.ts), update these values, and
// say in the README what happens to old evidence.
import { describe, expect, it } from 'vitest';
import { lineKey, nonLineKey } from '../../src/diff/keys.js';
import { treeFingerprint } from '../../src/diff/tree.js';
import { evidenceFileName } from '../../src/evidence/store.js';
import type { TreeEntry } from '../../src/git/reader.js';
import { planFileName } from '../../src/plan/template.js';

const b = (s: string) => Buffer.from(s);

describe('pinned encodings', () => {
  it.each([
    ['a line with both neighbours', () => lineKey('src/a.ts', '+', b('  return x;'), b('function f(x) {'), b('}')), '4cde5adb033371de9bb4268a72a0efbd42fb147d009688b784570db1bb9b0ca5'],
    ['a deleted last line without a newline, alone in its file', () => lineKey('src/a.ts', '-', b('last'), null, null, { noEol: true }), 'da6394c8a8a77c0b99f18bcc79e8c07ba1072dd2d60d885830c4ee226a4174a9'],
    ['a line whose next neighbour has no newline', () => lineKey('src/a.ts', '+', b('x'), b('p'), b('n'), { nextNoEol: true }), '2dc4a1ed6eb9adf571aec70f36065330a506e7d3ccc19d5271564ff76d821c88'],
    ['a binary change', () => nonLineKey('binary', 'img/logo.png', 'a'.repeat(40), 'b'.repeat(40)), '7f1e5337f1499eee26f1c63d9e85cb9936f04e6f61e343021e850a1b77910eb6'],
    ['a non-line item with an absent part and raw bytes', () => nonLineKey('rename', 'old.ts', null, Buffer.from([0xff, 0x00])), 'e351d432f59694ed1e0938bf118afe464e05fad6db96c4c2d95838b0ce30d516'],
  ])('%s', (_name, compute, expected) => {
    expect(compute()).toBe(expected);
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
