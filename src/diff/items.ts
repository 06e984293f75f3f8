// From a parsed diff to the units a person reviews (DESIGN.md "Review fingerprints"): one 'lines'
// item per hunk, one item per change that is not lines. Pure, and independent of file order,
// line numbers, hunk boundaries and context size (P6): each key is computed from one file alone,
// from content and real neighbours only.
import { lineKeyOf, nonLineKey, occurrenceKey, type KeyBytes } from './keys.js';
import { PatchLine } from './patch.js';
import type { ChangedLineRef, DiffLine, FileDiff, Hunk, ItemKind, ReviewItem } from './model.js';

const SYMLINK = '120000';
const GITLINK = '160000';
const isRegular = (mode: string | null): boolean => mode !== null && mode.startsWith('100');
const short = (oid: string | null): string => (oid === null ? 'none' : oid.slice(0, 12));

export function reviewItems(files: readonly FileDiff[]): ReviewItem[] {
  return files.flatMap((file) => numberOccurrences(fileItems(file)));
}

/**
 * A line whose content and neighbours repeat in the same file (on the same side) would share its
 * key with the other occurrences, and accepting one hunk would mark every occurrence reviewed,
 * also those in hunks never shown. So each occurrence after the first, in file order, gets its
 * own key (occurrenceKey): every changed line has a key of its own, each occurrence is shown in
 * its hunk, and one answer covers only the occurrences on screen. File order, not line numbers:
 * a rebase that only shifts lines keeps every key (P1, P6).
 */
function numberOccurrences(items: ReviewItem[]): ReviewItem[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    if (item.lines.length === 0) return item;
    let renumbered = false;
    const lines = item.lines.map((l) => {
      const n = (seen.get(l.key) ?? 0) + 1;
      seen.set(l.key, n);
      if (n === 1) return l;
      renumbered = true;
      return { ...l, key: occurrenceKey(l.key, n) };
    });
    return renumbered ? { ...item, lines, keys: lines.map((l) => l.key) } : item;
  });
}

/** How many changed lines the items itemise (non-line items, and an empty file's item, count zero). */
export function countChangedLines(items: readonly ReviewItem[]): number {
  return items.reduce((sum, item) => sum + item.lines.length, 0);
}

function fileItems(file: FileDiff): ReviewItem[] {
  const one = (kind: ItemKind, summary: string, key: string): ReviewItem => ({
    kind,
    path: file.path,
    file,
    hunk: null,
    lines: [],
    keys: [key],
    summary,
  });
  const { path, oldMode, newMode, oldOid, newOid } = file;

  // A whole-file deletion is one acknowledgement; its lines are not itemised.
  if (file.status === 'deleted') {
    return [one('delete', `deleted ${describe(file, oldMode, '-')}`, nonLineKey('delete', path, oldMode, oldOid))];
  }

  // A type change (file <-> symlink <-> submodule) is one item binding both sides. When the new
  // side is a regular text file its lines are new code and are itemised like an added file's.
  if (file.status === 'typechange') {
    const kind: ItemKind = oldMode === GITLINK || newMode === GITLINK ? 'submodule' : 'symlink';
    const key = nonLineKey('typechange', path, oldMode, oldOid, newMode, newOid);
    const items = [one(kind, `${describe(file, oldMode, '-')} → ${describe(file, newMode, '+')}`, key)];
    if (isRegular(newMode)) {
      const added = file.hunks.filter((h) => h.lines.every((l) => l.side !== '-'));
      items.push(...added.map((h) => linesItem(file, h)));
    }
    return items;
  }

  const items: ReviewItem[] = [];
  if ((file.status === 'renamed' || file.status === 'copied') && file.oldPath !== null) {
    const verb = file.status === 'renamed' ? 'rename' : 'copy';
    const similarity = file.similarity === null ? '' : ` (${file.similarity}% similar)`;
    const summary = `${verb === 'rename' ? 'renamed' : 'copied'} ${file.oldPath} → ${path}${similarity}`;
    // Bound to the content that moved; edits on top of it are line items.
    items.push(one('rename', summary, nonLineKey(verb, file.oldPath, path, oldOid)));
  }
  if (oldMode !== null && newMode !== null && oldMode !== newMode) {
    items.push(one('mode', `mode ${oldMode} → ${newMode}`, nonLineKey('mode', path, oldMode, newMode)));
  }
  if (oldOid === newOid) return items;

  if (newMode === SYMLINK) {
    const to = target(file, '+');
    const summary = oldOid === null ? `symlink → ${to}` : `symlink target ${target(file, '-')} → ${to}`;
    items.push(one('symlink', summary, nonLineKey('symlink', path, oldOid, newOid)));
  } else if (newMode === GITLINK) {
    const summary = `submodule ${short(oldOid)} → ${short(newOid)}`;
    items.push(one('submodule', summary, nonLineKey('submodule', path, oldOid, newOid)));
  } else if (file.binary) {
    const summary = `binary file ${oldOid === null ? 'added' : 'changed'} (${short(oldOid)} → ${short(newOid)})`;
    items.push(one('binary', summary, nonLineKey('binary', path, oldOid, newOid)));
  } else if (file.hunks.length === 0) {
    // Content changed without a line to show: an added empty file. Still a change to look at.
    const summary = oldOid === null ? 'new empty file' : 'content changed without line changes';
    items.push(one('lines', summary, nonLineKey('content', path, oldOid, newOid)));
  } else {
    items.push(...file.hunks.map((h) => linesItem(file, h)));
  }
  return items;
}

function linesItem(file: FileDiff, hunk: Hunk): ReviewItem {
  const lines = hunkLines(file.path, hunk);
  const added = lines.filter((l) => l.side === '+').length;
  return {
    kind: 'lines',
    path: file.path,
    file,
    hunk,
    lines,
    keys: lines.map((l) => l.key),
    summary: `+${added} -${lines.length - added} at line ${hunk.newStart}`,
  };
}

/**
 * The changed lines of one hunk with their keys. A line's neighbours are the lines around it on
 * its own side (old file for '-', new file for '+'), which one line of context always supplies;
 * a side's first line in the hunk with no line before it is the start of the file, its last
 * line with none after it the end of the file.
 */
export function hunkLines(path: string, hunk: Hunk, reach: 1 | 2 = 2): ChangedLineRef[] {
  const oldSide: DiffLine[] = [];
  const newSide: DiffLine[] = [];
  // Position of each hunk line within its own side.
  const at: number[] = [];
  for (const line of hunk.lines) {
    if (line.side === '-') at.push(oldSide.push(line) - 1);
    else if (line.side === '+') at.push(newSide.push(line) - 1);
    else {
      oldSide.push(line);
      at.push(newSide.push(line) - 1);
    }
  }
  const refs: ChangedLineRef[] = [];
  hunk.lines.forEach((line, i) => {
    if (line.side === ' ') return;
    const side = line.side === '-' ? oldSide : newSide;
    const number = (line.side === '-' ? line.oldLine : line.newLine) ?? 0;
    const pos = at[i] ?? 0;
    const prev = side[pos - 1];
    const next = side[pos + 1];
    const prev2 = side[pos - 2];
    const next2 = side[pos + 2];
    if ((prev === undefined && number > 1) || (reach === 2 && prev2 === undefined && number > 2)) {
      // Fail closed: without context the neighbour is unknown and any key would be wrong.
      throw new Error(`the diff of ${path} has no context before line ${number}; it must be read with -U${reach} or more`);
    }
    // Past an end of the file both neighbours are absent; `reach` 1 gives keys that compare like
    // the v1 keys did (scripts/measure-keys.mjs compares the two).
    const far = reach === 2 && prev !== undefined && prev2 !== undefined ? bytesOf(prev2) : null;
    const after = reach === 2 && next !== undefined && next2 !== undefined ? bytesOf(next2) : null;
    const key = lineKeyOf(path, line.side, bytesOf(line), prev ? bytesOf(prev) : null, next ? bytesOf(next) : null, far, after, line.noEol, next?.noEol ?? false, reach === 2 && (next2?.noEol ?? false));
    refs.push({ key, side: line.side, line: number, text: line.text });
  });
  return refs;
}

/** A parsed line's bytes are copied straight from git's output; any other line's from its `raw`. */
const bytesOf = (line: DiffLine): Buffer | KeyBytes => (line instanceof PatchLine ? line : line.raw);

function target(file: FileDiff, side: '+' | '-'): string {
  const text = file.hunks.flatMap((h) => h.lines.filter((l) => l.side === side).map((l) => l.text)).join('\n');
  return JSON.stringify(text);
}

function describe(file: FileDiff, mode: string | null, side: '+' | '-'): string {
  if (mode === SYMLINK) return `symlink → ${target(file, side)}`;
  if (mode === GITLINK) return `submodule ${short(side === '-' ? file.oldOid : file.newOid)}`;
  if (file.binary) return 'binary file';
  const count = file.hunks.reduce((n, h) => n + h.lines.filter((l) => l.side === side).length, 0);
  return `file (${count} line${count === 1 ? '' : 's'})`;
}
