// One commit, two accounts: reviewgate's review items against git's own --raw/--numstat and -U1
// patch (gitview.ts). Each difference is one mismatch line. Also checks the review gate's
// own arithmetic on the commit: with no evidence nothing is reviewed, every changed line has a
// key of its own, and no count is negative. Pure.
import type { ItemKind, ReviewItem } from '../diff/model.js';
import { evaluateReview } from '../gates/review.js';
import { pairKey, type ChangedNumbers, type GitFileView } from './gitview.js';

const SYMLINK = '120000';
const GITLINK = '160000';
const isRegular = (mode: string | null) => mode !== null && mode.startsWith('100');

export interface CommitTally {
  readonly files: number;
  readonly lines: number;
  readonly kinds: Partial<Record<ItemKind | 'empty', number>>;
}

interface Expected {
  readonly kinds: Set<string>;
  /** Changed lines reviewgate must itemise, null when it itemises none. */
  readonly plus: number;
  readonly minus: number;
  /** The blob pair whose line numbers the items must carry, when lines are itemised. */
  readonly numbers: string | null;
}

/** What reviewgate must make of one file, from git's raw record and numstat alone. */
export function expectedItems(f: GitFileView): Expected {
  const kinds = new Set<string>();
  if (f.status === 'D') return { kinds: new Set(['delete']), plus: 0, minus: 0, numbers: null };
  if (f.status === 'T') {
    kinds.add(f.oldMode === GITLINK || f.newMode === GITLINK ? 'submodule' : 'symlink');
    // A regular text file on the new side is new code: its lines are itemised like an added file's.
    if (isRegular(f.newMode) && f.added !== null && f.added > 0) {
      kinds.add('lines');
      return { kinds, plus: f.added, minus: 0, numbers: pairKey(null, f.newOid) };
    }
    return { kinds, plus: 0, minus: 0, numbers: null };
  }
  if (f.status === 'R' || f.status === 'C') kinds.add('rename');
  if (f.oldMode !== null && f.newMode !== null && f.oldMode !== f.newMode) kinds.add('mode');
  if (f.oldOid === f.newOid) return { kinds, plus: 0, minus: 0, numbers: null };
  if (f.newMode === SYMLINK) kinds.add('symlink');
  else if (f.newMode === GITLINK) kinds.add('submodule');
  else if (f.added === null) kinds.add('binary');
  else {
    kinds.add('lines');
    return { kinds, plus: f.added, minus: f.deleted ?? 0, numbers: pairKey(f.oldOid, f.newOid) };
  }
  return { kinds, plus: 0, minus: 0, numbers: null };
}

const sorted = (a: readonly number[]) => [...a].sort((x, y) => x - y);
const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const firstDiff = (a: readonly number[], b: readonly number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `reviewgate ${a[i] ?? 'none'}, git ${b[i] ?? 'none'}`;
  return '';
};

export function compareCommit(items: readonly ReviewItem[], git: readonly GitFileView[], numbers: ReadonlyMap<string, ChangedNumbers>): { mismatches: string[]; tally: CommitTally } {
  const mismatches: string[] = [];
  const byPath = new Map<string, ReviewItem[]>();
  for (const item of items) byPath.set(item.path, [...(byPath.get(item.path) ?? []), item]);
  const kinds: Record<string, number> = {};
  const ourNumbers = new Map<string, { plus: number[]; minus: number[] }>();
  const wantNumbers = new Set<string>();
  let lines = 0;
  for (const f of git) {
    const want = expectedItems(f);
    const mine = byPath.get(f.path) ?? [];
    byPath.delete(f.path);
    const got = new Set(mine.map((i) => i.kind));
    for (const k of got) kinds[k] = (kinds[k] ?? 0) + 1;
    if (mine.some((i) => i.kind === 'lines' && i.lines.length === 0)) kinds.empty = (kinds.empty ?? 0) + 1;
    const gotKinds = [...got].sort().join(',');
    const wantKinds = [...want.kinds].sort().join(',');
    if (gotKinds !== wantKinds) mismatches.push(`${f.path}: item kinds ${gotKinds || 'none'}, git ${f.status} says ${wantKinds || 'none'}`);
    const refs = mine.flatMap((i) => i.lines);
    const plus = refs.filter((l) => l.side === '+');
    const minus = refs.filter((l) => l.side === '-');
    lines += refs.length;
    if (plus.length !== want.plus || minus.length !== want.minus) {
      mismatches.push(`${f.path}: +${plus.length} -${minus.length} changed lines, git --numstat says +${want.plus} -${want.minus}`);
    }
    if (want.numbers !== null) {
      wantNumbers.add(want.numbers);
      const acc = ourNumbers.get(want.numbers) ?? { plus: [], minus: [] };
      acc.plus.push(...plus.map((l) => l.line));
      acc.minus.push(...minus.map((l) => l.line));
      ourNumbers.set(want.numbers, acc);
    }
  }
  for (const [path] of byPath) mismatches.push(`${path}: reviewgate has items git's --raw does not list`);
  for (const key of wantNumbers) {
    const ours = ourNumbers.get(key) ?? { plus: [], minus: [] };
    const theirs = numbers.get(key) ?? { plus: [], minus: [] };
    for (const side of ['plus', 'minus'] as const) {
      const a = sorted(ours[side]);
      const b = sorted(theirs[side]);
      if (!sameList(a, b)) mismatches.push(`blob pair ${key.replace(/([0-9a-f]{12})[0-9a-f]+/g, '$1')}: ${side === 'plus' ? 'added' : 'removed'} line numbers differ (${firstDiff(a, b)})`);
    }
  }
  mismatches.push(...gateArithmetic(items, lines));
  return { mismatches, tally: { files: git.length, lines, kinds } };
}

/** The review gate on this commit with no evidence at all: nothing reviewed, nothing negative. */
function gateArithmetic(items: readonly ReviewItem[], lines: number): string[] {
  const out: string[] = [];
  const keys = new Set(items.flatMap((i) => i.lines.map((l) => l.key)));
  if (keys.size !== lines) out.push(`${lines - keys.size} changed line(s) share a key with another line`);
  const result = evaluateReview({ items: items.map((item) => ({ item })), ignored: [], records: [], required: true, fix: '' });
  const others = items.filter((i) => i.lines.length === 0).length;
  const want = `0/${lines} changed lines reviewed`;
  const wantAll = others > 0 ? `${want}, 0/${others} other changes acknowledged` : want;
  if (result.summary !== wantAll) out.push(`review gate without evidence says "${result.summary}", expected "${wantAll}"`);
  if (/-\d/.test(result.summary) || result.findings.some((f) => / of 0 changed lines|-\d+ of /.test(f.message))) out.push(`negative or empty count: ${result.summary}`);
  return out;
}
