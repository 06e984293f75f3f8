// Matches the plan's test checklist against the test titles found in the repository. An item
// matches a title when its words appear, in order and contiguous, among the title's words, after
// lower-casing and treating punctuation as spaces; a placeholder in the title matches any words.
// An item may also carry an id, `(#cart-3)`: it then matches any title that contains that id
// (with or without the `#`), and the id is left out of its words.
import type { ChecklistItem } from '../plan/parse.js';
import { WILDCARD, type TestTitle } from './titles.js';

type Token = { readonly kind: 'word'; readonly word: string } | { readonly kind: 'any' } | { readonly kind: 'pattern'; readonly re: RegExp };

export interface ChecklistMatch {
  readonly item: ChecklistItem;
  /** The first test that matches and runs; null when none does. */
  readonly test: TestTitle | null;
  /** When no running test matches: the first skipped one that does (so the report can say so). */
  readonly skippedTest: TestTitle | null;
  /** How the test (or skipped test) was found: by the item's words, or by its id. */
  readonly by: 'words' | 'id' | null;
}

const ID = /\(#([\p{L}\p{N}][\p{L}\p{N}_.-]*)\)/u;

/** The id an item carries, `(#cart-3)` → `cart-3` (lower-cased), or null. */
export function itemId(text: string): string | null {
  return ID.exec(text)?.[1]?.toLowerCase() ?? null;
}

/** True when the title contains the id as a whole token (`cart-3` does not match `cart-30`). */
export function titleHasId(title: string, id: string): boolean {
  const lower = title.toLowerCase();
  for (let at = lower.indexOf(id); at >= 0; at = lower.indexOf(id, at + 1)) {
    const before = lower[at - 1] ?? ' ';
    const after = lower[at + id.length] ?? ' ';
    if (!/[\p{L}\p{N}_]/u.test(before) && !/[\p{L}\p{N}_]/u.test(after)) return true;
  }
  return false;
}

// A private-use character stands for a placeholder while splitting, since WILDCARD itself is
// punctuation and would vanish with it.
const MARK = '\uE000';
const SPLIT = /[^\p{L}\p{N}\uE000]+/u;

/** The words of a checklist item: lower-cased, punctuation and any `(#id)` removed. */
export function itemWords(text: string): string[] {
  return text.replace(new RegExp(ID.source, 'gu'), ' ').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

function tokens(title: string, splitCamel: boolean): Token[] {
  let text = title.replaceAll(WILDCARD, MARK);
  // Go and Python titles are identifiers (TestRoundsHalfUp); camelCase boundaries become spaces in
  // a second reading of the title, so "rounds half up" finds them (see titleReadings).
  if (splitCamel) text = text.replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
  const out: Token[] = [];
  for (const word of text.toLowerCase().split(SPLIT)) {
    if (word === '') continue;
    if (!word.includes(MARK)) out.push({ kind: 'word', word });
    else if (word.replaceAll(MARK, '') === '') {
      if (out.at(-1)?.kind !== 'any') out.push({ kind: 'any' });
    } else {
      const source = word.split(MARK).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      out.push({ kind: 'pattern', re: new RegExp(`^${source}$`, 'u') });
    }
  }
  return out;
}

/** The title as written and, when different, with camelCase split: either reading may match. */
function titleReadings(title: string): Token[][] {
  const plain = tokens(title, false);
  const camel = tokens(title, true);
  return camel.length === plain.length ? [plain] : [plain, camel];
}

/**
 * True when the words occur contiguously in the tokens. A placeholder absorbs any number of
 * words, but at least one word must match real title text (a title that is nothing but a
 * placeholder, `it(name, …)`, must not satisfy every item of every plan), and the item must not
 * begin or end inside a placeholder that has title text on that side.
 */
function matchesTokens(toks: readonly Token[], words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const memo = new Map<number, boolean>();
  const from = (ti: number, wi: number, literal: boolean): boolean => {
    if (wi === words.length) return literal;
    if (ti === toks.length) return false;
    const key = (ti * (words.length + 1) + wi) * 2 + (literal ? 1 : 0);
    const known = memo.get(key);
    if (known !== undefined) return known;
    const t = toks[ti] as Token;
    const w = words[wi] as string;
    let result: boolean;
    if (t.kind === 'any') {
      // The item may end inside a placeholder only when nothing follows it in the title: with
      // `rounds ${mode} for negative prices`, "rounds half up for positive prices" must not match.
      const absorb = wi + 1 === words.length ? literal && ti === toks.length - 1 : from(ti, wi + 1, literal);
      result = absorb || from(ti + 1, wi, literal);
    } else result = (t.kind === 'word' ? t.word === w : t.re.test(w)) && from(ti + 1, wi + 1, true);
    memo.set(key, result);
    return result;
  };
  // Likewise the item may start inside a placeholder only when it opens the title.
  for (let start = 0; start < toks.length; start++) {
    if ((start === 0 || toks[start]?.kind !== 'any') && from(start, 0, false)) return true;
  }
  return false;
}

/** Whether a checklist item's text matches one test title (see the module comment). */
export function matchesTitle(itemText: string, title: string): boolean {
  const words = itemWords(itemText);
  return titleReadings(title).some((t) => matchesTokens(t, words));
}

/** For each item, the first running test that matches it, else the first skipped one. */
export function matchChecklist(items: readonly ChecklistItem[], titles: readonly TestTitle[]): ChecklistMatch[] {
  // Tokenise each title once: there are far more titles than checklist items.
  const read = titles.map((t) => ({ t, readings: titleReadings(t.title) }));
  return items.map((item) => {
    const words = itemWords(item.text);
    const id = itemId(item.text);
    let skipped: { t: TestTitle; by: 'words' | 'id' } | null = null;
    for (const { t, readings } of read) {
      const by = id !== null && titleHasId(t.title, id) ? 'id' : readings.some((r) => matchesTokens(r, words)) ? 'words' : null;
      if (by === null) continue;
      if (!t.skipped) return { item, test: t, skippedTest: null, by };
      skipped ??= { t, by };
    }
    return { item, test: null, skippedTest: skipped?.t ?? null, by: skipped?.by ?? null };
  });
}
