// Gathering what the tests gate needs: which mapped test files exist in the judged content,
// and — only when the plan has a test checklist — the titles of the repository's tests.
//
// Titles are cached by (path, blob id) under the git dir, so a repeated check parses nothing.
// A file not in the cache is parsed only if it could hold a match: an item can only match a title
// that contains its first and last words literally (placeholders may stand only in between), so a
// file whose text lacks them cannot match. Skipping it can only lose a match — the gate then
// fails, never passes wrongly. An item with an id (`(#cart-3)`) also keeps any file containing
// the id. The JavaScript parser is loaded only when something must be parsed.
//
// Coverage (tests.coverage) is the one input read from the work tree: the lcov report is a build
// artefact of `reviewgate run`, never committed, so it cannot be read from the index or a commit.
// Its time is checked against the last passing run of the judged tree instead.
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { readCache, writeCache } from '../cache.js';
import { notCacheable } from '../verdict/blockers.js';
import type { Config } from '../config/schema.js';
import { treeFingerprint } from '../diff/tree.js';
import type { EvidenceRecord } from '../evidence/types.js';
import { isPassing, runRecordsFor } from '../gates/run.js';
import { evaluateTests, isTestFile, type TestsGateInput } from '../gates/tests.js';
import type { GateResult } from '../gates/types.js';
import type { ChecklistItem } from '../plan/parse.js';
import { addedLines, type CoverageInput } from '../testmap/coverage.js';
import { LcovError, parseLcov, type LcovFile } from '../testmap/lcov.js';
import { mapSource } from '../testmap/mapping.js';
import { itemId, itemWords } from '../testmap/match.js';
import type { TestTitle } from '../testmap/title.js';
import type { TreeEntry } from '../git/reader.js';
import type { Change } from './change.js';
import { readEvidence, type FoundPlan } from './inputs.js';

// Per test file (blob id and path): its titles once parsed, or the item word pairs it was
// already found not to contain (so an unchanged plan never re-reads unchanged files).
type CacheEntry = { readonly t: TestTitle[] } | { readonly no: string[] };
type TitleCache = Record<string, CacheEntry>;
// v3: titles joined as each runner prints them (pytest `::`, go `/`), parametrize ids, todo.
const CACHE_FILE = 'titles-v3.json';

/** The first and last word of each item (a matching title must contain both literally), and `#id` for its id. */
function wordPairs(items: readonly ChecklistItem[]): string[] {
  const pairs = new Set<string>();
  for (const item of items) {
    const words = itemWords(item.text);
    if (words.length > 0) pairs.add(`${words[0]} ${words.at(-1)}`);
    const id = itemId(item.text);
    if (id !== null) pairs.add(`#${id}`);
  }
  return [...pairs];
}

/** True when the text contains both words of some pair, or some id (see the note at the top). */
function couldMatch(text: string, pairs: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return pairs.some((pair) => {
    if (pair.startsWith('#')) return lower.includes(pair.slice(1));
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
      const { extractTitles } = await import('../testmap/titles.js');
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

export interface TestsIo {
  /** The work tree's top level, where tests.coverage.lcov is read. */
  readonly root?: string;
  /** Evidence already read by the caller (else read here when coverage needs it). */
  readonly records?: readonly EvidenceRecord[];
}

/** When the last passing run of this tree started: the earliest of each configured command's latest pass. */
function lastRunStart(records: readonly EvidenceRecord[], fingerprint: string, commands: readonly string[]): number | null {
  const latest = new Map<string, number>();
  for (const r of runRecordsFor(records, fingerprint)) {
    if (!isPassing(r) || (commands.length > 0 && !commands.includes(r.command))) continue;
    const t = Date.parse(r.at);
    if (Number.isFinite(t) && t > (latest.get(r.command) ?? -Infinity)) latest.set(r.command, t);
  }
  return latest.size === 0 ? null : Math.min(...latest.values());
}

async function readReport(path: string): Promise<{ report: CoverageInput['report']; reportTime: number | null }> {
  let text: string;
  let mtime: number;
  try {
    [text, mtime] = await Promise.all([readFile(path, 'utf8'), stat(path).then((s) => s.mtimeMs)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { report: null, reportTime: null };
    return { report: (error as Error).message, reportTime: null };
  }
  try {
    return { report: parseLcov(text) satisfies LcovFile[], reportTime: mtime };
  } catch (error) {
    if (error instanceof LcovError) return { report: error.message, reportTime: mtime };
    throw error;
  }
}

async function coverageFor(config: Config, change: Change, io: TestsIo): Promise<TestsGateInput['coverage']> {
  const cov = config.tests.coverage;
  if (!cov) return null;
  // The report is read from the work tree, which the verdict key does not cover.
  notCacheable('tests.coverage reads the work tree');
  const changedLines = addedLines(change.items);
  const base = { lcov: cov.lcov, min: cov.min };
  if (!io.root && !isAbsolute(cov.lcov)) {
    // Fail closed: without the work tree the report cannot be found, so coverage is unproven.
    return { changedLines, input: { ...base, report: 'the work tree is unknown to this command (a reviewgate bug: report it)', reportTime: null, runStart: null } };
  }
  const records = io.records ?? (await readEvidence(change.reader, config)).records;
  const fingerprint = treeFingerprint(await change.reader.entries(), config.evidence_dir);
  const { report, reportTime } = await readReport(isAbsolute(cov.lcov) ? cov.lcov : join(io.root ?? '', cov.lcov));
  return { changedLines, input: { ...base, report, reportTime, runStart: lastRunStart(records, fingerprint, config.run.commands) } };
}

/**
 * Whether a path is in the content. The gate asks about the test paths its changed files map to:
 * those are looked up in one pass over the entries, without a set of every path of the repository
 * (a hundred thousand in a large one); any other path builds that set on first use.
 */
function existenceOf(entries: readonly TreeEntry[], likely: readonly string[]): (path: string) => boolean {
  const asked = new Set(likely);
  const found = new Set<string>();
  for (const e of entries) if (asked.has(e.path)) found.add(e.path);
  let all: Set<string> | undefined;
  return (path) => {
    if (asked.has(path)) return found.has(path);
    all ??= new Set(entries.map((e) => e.path));
    return all.has(path);
  };
}

/** Everything the tests gate judges, read from the change (and, for coverage, the work tree). */
export async function testsGateInput(config: Config, change: Change, plan: FoundPlan | null, cacheDir?: string, io: TestsIo = {}): Promise<TestsGateInput> {
  const entries = await change.reader.entries();
  const checklist = plan?.plan.checklist ?? null;
  const wanted = (checklist ?? []).filter((i) => i.state !== 'waived');
  const titles = wanted.length > 0 ? await collectTitles(change, config, wanted, cacheDir) : [];
  return {
    config,
    changedFiles: change.files,
    fileExists: existenceOf(entries, change.files.flatMap((f) => mapSource(f.path, config)?.expected ?? [])),
    checklist,
    titles,
    planPath: plan?.path ?? null,
    coverage: await coverageFor(config, change, io),
  };
}

export async function evaluateTestsGate(config: Config, change: Change, plan: FoundPlan | null, cacheDir?: string, io: TestsIo = {}): Promise<GateResult> {
  return evaluateTests(await testsGateInput(config, change, plan, cacheDir, io));
}
