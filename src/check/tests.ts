// Gathering what the tests gate needs: which mapped test files exist in the judged content,
// and — only when the plan has a test checklist — the titles of the repository's tests.
//
// Titles are cached by (path, blob id) under the git dir, so a repeated check parses nothing.
// A file not in the cache is parsed only if it could hold a match: an item can only match a title
// that contains its first and last words literally (placeholders may stand only in between), so a
// file whose text lacks them cannot match. Skipping it can only lose a match — the gate then
// fails, never passes wrongly. The JavaScript parser is loaded only when something must be parsed.
import { readCache, writeCache } from '../cache.js';
import type { Config } from '../config/schema.js';
import { evaluateTests, isTestFile } from '../gates/tests.js';
import type { GateResult } from '../gates/types.js';
import type { ChecklistItem } from '../plan/parse.js';
import { itemWords } from '../tests/match.js';
import type { TestTitle } from '../tests/titles.js';
import type { Change } from './change.js';
import type { FoundPlan } from './inputs.js';

// Per test file (blob id and path): its titles once parsed, or the item word pairs it was
// already found not to contain (so an unchanged plan never re-reads unchanged files).
type CacheEntry = { readonly t: TestTitle[] } | { readonly no: string[] };
type TitleCache = Record<string, CacheEntry>;
const CACHE_FILE = 'titles-v2.json';

/** The first and last word of each item: a matching title must contain both literally. */
function wordPairs(items: readonly ChecklistItem[]): string[] {
  const pairs = new Set<string>();
  for (const item of items) {
    const words = itemWords(item.text);
    if (words.length > 0) pairs.add(`${words[0]} ${words.at(-1)}`);
  }
  return [...pairs];
}

/** True when the text contains both words of some pair (see the note at the top). */
export function couldMatch(text: string, pairs: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return pairs.some((pair) => {
    const [first = '', last = ''] = pair.split(' ');
    return lower.includes(first) && lower.includes(last);
  });
}

export async function collectTitles(change: Change, config: Config, items: readonly ChecklistItem[], cacheDir?: string): Promise<TestTitle[]> {
  const entries = (await change.reader.entries()).filter(
    (e) => e.mode !== '160000' && e.mode !== '120000' && isTestFile(e.path, config),
  );
  if (entries.length === 0) return [];
  const pairs = wordPairs(items);
  const cache = readCache<TitleCache>(cacheDir, CACHE_FILE) ?? {};
  const titles: TestTitle[] = [];
  const next: TitleCache = {};
  const unknown: typeof entries = [];
  for (const e of entries) {
    const key = `${e.oid}:${e.path}`;
    const hit = cache[key];
    if (hit && 't' in hit && Array.isArray(hit.t)) {
      titles.push(...hit.t);
      next[key] = hit;
    } else if (hit && 'no' in hit && Array.isArray(hit.no) && pairs.every((p) => hit.no.includes(p))) {
      next[key] = hit;
    } else unknown.push(e);
  }
  if (unknown.length > 0) {
    const blobs = await change.reader.read(unknown.map((e) => e.path));
    const text = (path: string) => blobs.get(path)?.toString('utf8') ?? '';
    const candidates = unknown.filter((e) => couldMatch(text(e.path), pairs));
    for (const e of unknown) {
      if (candidates.includes(e)) continue;
      const old = cache[`${e.oid}:${e.path}`];
      const known = old && 'no' in old && Array.isArray(old.no) ? old.no : [];
      next[`${e.oid}:${e.path}`] = { no: [...new Set([...known, ...pairs])] };
    }
    if (candidates.length > 0) {
      const { extractTitles } = await import('../tests/titles.js');
      const parsed = await Promise.all(candidates.map((e) => extractTitles(e.path, text(e.path))));
      candidates.forEach((e, i) => {
        const found = parsed[i] ?? [];
        titles.push(...found);
        next[`${e.oid}:${e.path}`] = { t: found };
      });
    }
  }
  // Rewrite only when something was learnt or dropped (files deleted or changed since).
  if (unknown.length > 0 || Object.keys(next).length !== Object.keys(cache).length) writeCache(cacheDir, CACHE_FILE, next);
  return titles;
}

export async function evaluateTestsGate(config: Config, change: Change, plan: FoundPlan | null, cacheDir?: string): Promise<GateResult> {
  const entries = await change.reader.entries();
  const present = new Set(entries.map((e) => e.path));
  const checklist = plan?.plan.checklist ?? null;
  const wanted = (checklist ?? []).filter((i) => i.state !== 'waived');
  const titles = wanted.length > 0 ? await collectTitles(change, config, wanted, cacheDir) : [];
  return evaluateTests({
    config,
    changedFiles: change.files,
    fileExists: (p) => present.has(p),
    checklist,
    titles,
    planPath: plan?.path ?? null,
  });
}
