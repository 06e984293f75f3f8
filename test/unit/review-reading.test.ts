// Reading aids of the walker and the review page: word emphasis inside changed line pairs, moved
// blocks as one item, progress, "flag: come back", hide-reviewed, and what a move confirmation records.
import { describe, expect, it } from 'vitest';
import { reviewItems } from '../../src/diff/items.js';
import type { DiffLine, FileDiff } from '../../src/diff/model.js';
import type { Style } from '../../src/report/style.js';
import { plainStyle } from '../../src/report/style.js';
import { withMoves, MIN_ALNUM } from '../../src/review/moves.js';
import { acceptedItems, reviewRecord } from '../../src/review/outcome.js';
import { progressLabel, progressOf } from '../../src/review/progress.js';
import { layout } from '../../src/review/screen.js';
import { initialState, reduce } from '../../src/review/state.js';
import { hunkWords, pairLines, wordSegments } from '../../src/review/words.js';
import { recordSchemas } from '../../src/evidence/schema.js';

function fileWith(spec: string[], path = 'src/a.ts', start = 1): FileDiff {
  let o = start;
  let n = start;
  const lines: DiffLine[] = spec.map((l) => {
    const side = l[0] as ' ' | '+' | '-';
    const text = l.slice(1);
    const line = { side, text, raw: Buffer.from(text), noEol: false, oldLine: side === '+' ? null : o, newLine: side === '-' ? null : n };
    if (side !== '+') o++;
    if (side !== '-') n++;
    return line;
  });
  return {
    status: 'modified', oldPath: path, newPath: path, path, oldMode: '100644', newMode: '100644', oldOid: 'a'.repeat(40), newOid: 'b'.repeat(40), similarity: null, binary: false,
    hunks: [{ oldStart: start, oldCount: o - start, newStart: start, newCount: n - start, lines }],
  };
}
const items = (...files: FileDiff[]) => reviewItems(files).map((item) => ({ item }));

const BLOCK = ['function total(items) {', '  return items.reduce((sum, i) => sum + i.price, 0);', '}'];

describe('word emphasis', () => {
  it('pairs the i-th removed line with the i-th added line of a change block', () => {
    const f = fileWith([' a', '-b', '-c', '+B', ' d', '+e']);
    expect([...pairLines(f.hunks[0]!.lines).entries()]).toEqual([[1, 3], [3, 1]]);
  });
  it('marks only the words that differ', () => {
    const seg = wordSegments('const limit = 10;', 'const limit = 20;');
    expect(seg?.removed).toEqual([{ text: 'const limit = ', changed: false }, { text: '10', changed: true }, { text: ';', changed: false }]);
    expect(seg?.added.filter((s) => s.changed).map((s) => s.text)).toEqual(['20']);
  });
  it('gives no emphasis to a rewritten line or a minified one', () => {
    expect(wordSegments('alpha beta gamma', 'one two three')).toBeNull();
    expect(wordSegments('x'.repeat(2000), 'y'.repeat(2000))).toBeNull();
  });
  it('draws changed words bold in the walker and leaves the row otherwise as it was', () => {
    const f = fileWith([' a', '-const limit = 10;', '+const limit = 20;', ' c']);
    const [item] = reviewItems([f]);
    const marks: Style = { ...plainStyle, bold: (s) => `<${s}>` };
    const out = layout({ item: item!, details: [], comments: [], reviewed: new Set(), scroll: 0, width: 80, height: 12, status: 's', bottom: 'b', words: hunkWords(f.hunks[0]!.lines) }, marks);
    expect(out.rows).toContain('  2   - const limit = <10>;');
    expect(out.rows).toContain('    2 + const limit = <20>;');
  });
});

describe('moved blocks', () => {
  const from = fileWith([' top', ...BLOCK.map((l) => `-${l}`), ' end'], 'src/old.ts');
  it('shows a block moved verbatim to another file as one item, keeping every line key', () => {
    const to = fileWith([' head', ...BLOCK.map((l) => `+${l}`), ' tail'], 'src/new.ts');
    const before = items(from, to);
    const walk = withMoves(before);
    expect(walk).toHaveLength(1);
    const move = walk[0]!;
    expect(move.move).toMatchObject({ from: 'src/old.ts', fromLine: 2, to: 'src/new.ts', toLine: 2, lines: 6 });
    expect(move.item.summary).toBe('moved from src/old.ts:2, unchanged (3 lines)');
    // The same keys as the ordinary items: a confirmed move is evidence for exactly these lines.
    expect(new Set(move.item.keys)).toEqual(new Set(before.flatMap((b) => b.item.keys)));
  });
  it('allows an indentation change applied to every line alike', () => {
    const to = fileWith([' class A {', ...BLOCK.map((l) => `+  ${l}`), ' }'], 'src/new.ts');
    expect(withMoves(items(from, to)).filter((w) => w.move)).toHaveLength(1);
  });
  it('does not take lines whose indentation changed differently into one block', () => {
    const to = fileWith([' x', `+  ${BLOCK[0]}`, `+${BLOCK[1]}`, `+    ${BLOCK[2]}`, ' y'], 'src/new.ts');
    // Only the long middle line still counts as moved on its own (git's rule: 20 alphanumerics).
    expect(withMoves(items(from, to)).filter((w) => w.move).map((w) => w.move?.lines)).toEqual([2]);
  });
  it(`needs at least ${MIN_ALNUM} alphanumeric characters, as git's --color-moved does`, () => {
    const small = fileWith([' a', '-}', '-return x;', ' b'], 'src/old.ts');
    const back = fileWith([' c', '+}', '+return x;', ' d'], 'src/new.ts');
    expect(withMoves(items(small, back)).some((w) => w.move)).toBe(false);
  });
  it('makes an edited line inside the block an ordinary item again', () => {
    const edited = [BLOCK[0]!, '  return items.reduce((sum, i) => sum + i.price * i.qty, 0);', BLOCK[2]!];
    const to = fileWith([' head', ...edited.map((l) => `+${l}`), ' tail'], 'src/new.ts');
    const walk = withMoves(items(from, to));
    expect(walk.some((w) => w.move)).toBe(false);
    expect(walk.flatMap((w) => w.item.keys)).toHaveLength(6);
  });
  it('records a confirmed move as a move, outside the pace, with its keys at both places', () => {
    const to = fileWith([' head', ...BLOCK.map((l) => `+${l}`), ' tail'], 'src/new.ts');
    const walk = withMoves(items(from, to));
    const state = reduce(initialState(walk, new Set()), { type: 'accept' });
    const accepted = acceptedItems(state.units, state.accepted, new Set(), () => 4_000);
    const record = reviewRecord({ id: 'r1', at: '2026-01-01T00:00:00.000Z', by: { name: 'A', email: 'a@x' }, tool: 't', mode: 'terminal', durationMs: 4_000 }, accepted)!;
    expect(record.lines).toBe(0);
    expect(record.keys).toHaveLength(6);
    expect(record.items?.[0]?.move).toEqual({ from: 'src/old.ts', line: 2, lines: 6 });
    expect(recordSchemas.review.safeParse(record).success).toBe(true);
  });
});

describe('progress, flags and hide-reviewed', () => {
  const a = fileWith([' a', '-b', '+B', ' c', ' d', ' e', ' f', '+g', ' h'], 'src/a.ts');
  const b = fileWith([' x', '+y', ' z'], 'src/b.ts');
  const all = items(a, b);
  it('counts lines reviewed overall and per file', () => {
    const reviewed = new Set(all[0]!.item.keys);
    const p = progressOf(all, reviewed);
    expect(p.overall).toEqual({ done: 3, total: 4 });
    expect(progressLabel(p, 'src/b.ts')).toBe('lines reviewed 3/4 · this file 0/1');
  });
  it('f flags a unit to come back to: it comes after every other owed unit, neither reviewed nor a concern', () => {
    let s = initialState(all, new Set());
    s = reduce(s, { type: 'flag' });
    expect(s.index).toBe(1);
    expect(s.flagged.has('0')).toBe(true);
    s = reduce(s, { type: 'accept' });
    expect(s.finished).toBe(false);
    expect(s.index).toBe(0);
    s = reduce(s, { type: 'accept' });
    expect(s.finished).toBe(true);
    expect(s.accepted).toEqual(['1', '0']);
  });
  it('starts with units flagged in an earlier session last', () => {
    expect(initialState(all, new Set(), new Set(['0'])).index).toBe(1);
  });
  it('j/k skip reviewed units while hide-reviewed is on, and stop at them when it is off', () => {
    const three = items(a, b, fileWith([' p', '+q', ' r'], 'src/c.ts'));
    let s = initialState(three, new Set(three[1]!.item.keys));
    expect(reduce(s, { type: 'move', by: 1 }).index).toBe(2);
    s = reduce(s, { type: 'toggle-reviewed' });
    expect(reduce(s, { type: 'move', by: 1 }).index).toBe(1);
  });
});
