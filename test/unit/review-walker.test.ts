import { describe, expect, it } from 'vitest';
import { reviewItems } from '../../src/diff/items.js';
import type { DiffLine, FileDiff } from '../../src/diff/model.js';
import { plainStyle } from '../../src/report/style.js';
import { decodeKeys, editLine } from '../../src/review/keys.js';
import { layout, screenWork, tooLongToShow, tooSmall } from '../../src/review/screen.js';
import { splitItem } from '../../src/review/split.js';
import { initialState, linesLeft, reduce } from '../../src/review/state.js';
import { ActiveClock } from '../../src/review/timing.js';
import { fit } from '../../src/review/text.js';
import { acceptedItems } from '../../src/review/outcome.js';

/** A modified file with one hunk built from ' a', '-b', '+B' style lines, starting at line 1. */
function fileWith(spec: string[], path = 'src/a.ts'): FileDiff {
  let o = 1;
  let n = 1;
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
    hunks: [{ oldStart: 1, oldCount: o - 1, newStart: 1, newCount: n - 1, lines }],
  };
}
const item = (spec: string[]) => reviewItems([fileWith(spec)])[0]!;
const screen = (it: ReturnType<typeof item>, over: Partial<Parameters<typeof layout>[0]> = {}) =>
  layout({ item: it, details: [], comments: [], reviewed: new Set(), scroll: 0, width: 80, height: 24, status: 'status', bottom: 'keys', ...over }, plainStyle);

describe('splitting a hunk', () => {
  const two = item([' a', '-b', '+B', ' c', ' d', '+E', ' f']);
  it('splits at unchanged lines inside the hunk, each part keeping only its own keys', () => {
    const parts = splitItem(two);
    expect(parts).toHaveLength(2);
    expect(parts.flatMap((p) => p.keys)).toEqual(two.keys);
    expect(parts[1]!.hunk!.lines.map((l) => l.text)).toEqual(['d', 'E', 'f']);
    expect(parts[1]!.hunk!.newStart).toBe(4);
  });
  it('leaves a hunk with one run of changes whole', () => {
    expect(splitItem(item([' a', '-b', '+B', ' c']))).toHaveLength(1);
  });
});

describe('the walk state machine', () => {
  const a = item([' a', '-b', '+B', ' c', ' d', '+E', ' f']);
  const b = reviewItems([fileWith([' x', '+y', ' z'], 'src/b.ts')])[0]!;
  const start = () => initialState([{ item: a }, { item: b }], new Set());

  it('y accepts the hunk and moves on; the last y finishes', () => {
    let s = reduce(start(), { type: 'accept' });
    expect(s.index).toBe(1);
    expect(linesLeft(s)).toBe(1);
    s = reduce(s, { type: 'accept' });
    expect(s.finished).toBe(true);
    expect(s.accepted).toEqual(['0', '1']);
  });
  it('n leaves it owed and comes back to what j skipped', () => {
    let s = reduce(start(), { type: 'move', by: 1 });
    s = reduce(s, { type: 'accept' });
    expect(s.index).toBe(0);
    s = reduce(s, { type: 'later' });
    expect(s.finished).toBe(true);
    expect(linesLeft(s)).toBe(3);
  });
  it('answers split parts separately and records the same keys as the whole', () => {
    let s = reduce(start(), { type: 'split' });
    expect(s.units.map((u) => u.id)).toEqual(['0.1', '0.2', '1']);
    s = reduce(s, { type: 'later' });
    s = reduce(s, { type: 'accept' });
    expect(s.accepted).toEqual(['0.2']);
    const items = acceptedItems(s.units, s.accepted, new Set(), () => 1000);
    expect(items[0]).toMatchObject({ keys: a.keys.slice(2), lines: 1, activeMs: 1000 });
  });
  it('skips units whose keys are already reviewed', () => {
    expect(initialState([{ item: a }, { item: b }], new Set(a.keys)).index).toBe(1);
  });
  it('pages through a 10,000-line hunk without leaving it', () => {
    const big = item([' start', ...Array.from({ length: 10_000 }, (_, i) => `+line ${i}`)]);
    let s = initialState([{ item: big }], new Set());
    s = reduce(s, { type: 'scroll', by: 20, page: 20 });
    expect(s.scroll).toBe(20);
    s = reduce(s, { type: 'scroll', by: Infinity, page: 20 });
    expect(s.scroll).toBe(10_001 - 20);
    // A bound on work, not on wall-clock time (a loaded machine makes any time bound flaky): count
    // the hunk lines the layout reads. Only the page on screen may be formatted.
    let reads = 0;
    const hunk = big.hunk!;
    const counted = new Proxy(hunk.lines, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) reads++;
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const out = screen({ ...big, hunk: { ...hunk, lines: counted } }, { scroll: s.scroll });
    expect(reads).toBeGreaterThan(0);
    expect(reads).toBeLessThanOrEqual(24);
    expect(out.rows).toHaveLength(24);
    expect(out.rows.some((r) => r.includes('line 9999'))).toBe(true);
  });
});

describe('the screen', () => {
  const it1 = item([' a', '-b', '+B', ' c']);
  it('shows line numbers on both sides, marks reviewed lines, and fills exactly the terminal', () => {
    const out = screen(it1, { reviewed: new Set([it1.keys[0]!]) });
    expect(out.rows).toHaveLength(24);
    expect(out.rows[0]).toBe('src/a.ts — modified +1 -1');
    expect(out.rows).toContain('✓ 2   - b');
    expect(out.rows).toContain('    2 + B');
    expect(out.rows.at(-1)).toBe('keys');
  });
  it('wraps a long line instead of cutting it: every character is on screen', () => {
    const text = Array.from({ length: 30 }, (_, i) => `w${i}`).join('-');
    const long = item([' a', `+${text}`, ' c']);
    const out = screen(long, { width: 40 });
    const rows = out.rows.filter((r) => r.includes(' + ') || r.includes('+↪'));
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.replace(/^.*?(\+ |\+↪)/, '')).join('')).toBe(text);
    expect(out.rows.every((r) => [...r].length <= 40)).toBe(true);
    expect(tooLongToShow(long, 40, 24)).toBe(false);
  });
  it('shows what fits of a line longer than the screen, says so, and marks the hunk too long to accept', () => {
    const long = item([' a', `+${'x'.repeat(1_000_000)}`, ' c']);
    // Work bounded by the screen, not the line: a page of 60 columns reads a few thousand
    // characters of the million.
    const before = screenWork();
    const out = screen(long, { width: 60, scroll: 1 });
    expect(screenWork() - before).toBeLessThan(10_000);
    expect(out.rows.some((r) => r.includes('longer than the screen'))).toBe(true);
    expect(out.rows.every((r) => [...r].length <= 60)).toBe(true);
    expect(tooLongToShow(long, 60, 24)).toBe(true);
  });
  it('starts a wrapped line on the next page rather than splitting it across two', () => {
    const lines = [' a', ...Array.from({ length: 15 }, (_, i) => `+short ${i}`), `+${'y'.repeat(400)}`, ' c'];
    const out = screen(item(lines), { width: 60, height: 20 });
    expect(out.rows.some((r) => r.includes('yyy'))).toBe(false);
    expect(out.page).toBe(16);
  });
  it('shows invalid UTF-8 as replacement characters and control bytes visibly', () => {
    const bad = item([' a', `+ok \ufffd\ufffd \u001b[31m`, ' c']);
    expect(screen(bad).rows.some((r) => r.includes('ok \ufffd\ufffd ^[[31m'))).toBe(true);
  });
  it('counts wide characters as two columns', () => {
    expect(fit('漢字漢字漢字', 5)).toBe('漢字…');
  });
  it('knows when a terminal is too small to draw a hunk', () => {
    expect(tooSmall(30, 24)).toBe(true);
    expect(tooSmall(80, 6)).toBe(true);
    expect(tooSmall(80, 24)).toBe(false);
  });
  it('shows notes and open concerns on the hunk', () => {
    const out = screen(it1, { comments: [{ kind: 'concern', id: 'abc12345', by: 'Ann', text: 'lock order?', resolved: false }] });
    expect(out.rows[1]).toBe('concern abc12345 by Ann: lock order?');
  });
});

describe('keys', () => {
  it.each([
    ['y', [{ char: 'y' }]],
    ['\x1b[A\x1b[B', ['up', 'down']],
    ['\x1b[5~\x1b[6~', ['pageup', 'pagedown']],
    ['\x03', ['ctrl-c']],
    ['\x1b[I\x1b[O', ['focus-in', 'focus-out']],
    ['yn', [{ char: 'y' }, { char: 'n' }]],
    ['\x1b[99;5u', []],
  ])('decodes %j', (input, keys) => expect(decodeKeys(input)).toEqual(keys));
  it('edits a prompt line', () => {
    expect(editLine('ab', 'backspace')).toEqual({ text: 'a', done: null });
    expect(editLine('ab', 'enter')).toEqual({ text: 'ab', done: 'submit' });
    expect(editLine('ab', 'escape').done).toBe('cancel');
  });
});

describe('active time', () => {
  it('caps an idle gap at a minute and stops while paused', () => {
    let t = 0;
    const clock = new ActiveClock(() => t);
    clock.tick('h1');
    t = 10_000;
    clock.tick('h1');
    t = 10_000 + 30 * 60_000; // away for half an hour
    clock.tick('h2');
    expect(clock.spentOn('h1')).toBe(70_000);
    clock.pause();
    t += 5 * 60_000;
    clock.resume();
    t += 2_000;
    clock.tick(null);
    expect(clock.spentOn('h2')).toBe(2_000);
    expect(clock.totalMs).toBe(72_000);
  });
});
