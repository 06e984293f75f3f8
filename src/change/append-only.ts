// Evidence is append-only across history (principle 8): a record the base had and the head lacks
// (a deleted concern, a deleted failing run) is a blocking finding, also when the change touches
// nothing but evidence. Records are compared as the lines the store wrote: it only ever appends
// whole lines and union merges keep them verbatim, so a record that survives is the same line.
// In staged mode the base is HEAD; in range mode the base of the range.
import { isEvidenceFile } from '../diff/tree.js';
import type { Finding } from '../gates/types.js';
import { evidenceDeleted } from '../report/wording.js';
import { readObjects } from '../git/content.js';
import { changedPathsBetween } from '../git/changed-paths.js';
import type { Git } from '../git/exec.js';
import { mergeBase } from '../git/history.js';
import { cacheKey, readCache, writeCache } from '../cache.js';
import type { Repo } from '../git/repo.js';
import type { Change } from './change.js';

export interface MissingRecords {
  /** Findings for the review gate (reviews, notes, concerns, resolutions) and the run gate. */
  readonly review: readonly Finding[];
  readonly run: readonly Finding[];
}

const NONE: MissingRecords = { review: [], run: [] };

const recordLines = (blob: Buffer | null): string[] =>
  blob === null
    ? []
    : blob
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);

export async function missingRecords(repo: Repo, evidenceDir: string, change: Change): Promise<MissingRecords> {
  const { git } = repo;
  const base = change.kind === 'staged' ? repo.head : change.base;
  if (base === null) return NONE;
  // `check` runs on every commit: the same evidence objects found complete before need no git process.
  const cacheName = change.evidenceObjects ? `appendonly-${cacheKey(evidenceDir, base, ...[...change.evidenceObjects].sort())}.json` : null;
  if (cacheName && readCache<boolean>(repo.cacheDir, cacheName) === true) return NONE;
  const found = await findMissing(repo, git, base, evidenceDir, change);
  if (cacheName && found.review.length + found.run.length === 0) writeCache(repo.cacheDir, cacheName, true);
  return found;
}

async function findMissing(repo: Repo, git: Git, rangeBase: string, evidenceDir: string, change: Change): Promise<MissingRecords> {
  // A range's base may have moved on (a pull request's base branch gained records from other
  // branches since this one forked): what this change could have deleted is what it started from.
  const base =
    change.kind === 'staged' ? rangeBase : ((await mergeBase(git, rangeBase, change.head ?? 'HEAD')) ?? rangeBase);
  const isRecords = (p: string) => isEvidenceFile(p, undefined, evidenceDir) && p.startsWith(`${evidenceDir}/evidence/`);
  // Only evidence files that differ between base and head can have lost a record.
  const changed =
    change.kind === 'staged'
      ? change.evidenceFiles.filter(isRecords)
      : (await changedPathsBetween(git, base, change.head ?? 'HEAD', `${evidenceDir}/evidence/`)).filter(isRecords);
  if (changed.length === 0) return NONE;
  const headRev = change.kind === 'staged' ? '' : (change.head ?? 'HEAD');
  const blobs = await readObjects(git, [...changed.map((p) => `${base}:${p}`), ...changed.map((p) => `${headRev}:${p}`)]);
  const present = new Set(changed.flatMap((_, i) => recordLines(blobs[changed.length + i] ?? null)));
  let missing: { file: string; line: number; text: string }[] = [];
  changed.forEach((file, i) => {
    const lines = (blobs[i] ?? null)?.toString('utf8').replace(/^\uFEFF/, '').split('\n') ?? [];
    lines.forEach((raw, n) => {
      const text = raw.trim();
      if (text && !present.has(text)) missing.push({ file, line: n + 1, text });
    });
  });
  if (missing.length > 0) {
    // A record may have moved to an evidence file this change did not touch (a duplicate there).
    const entries = (await change.reader.entries()).filter((e) => isRecords(e.path) && !changed.includes(e.path));
    if (entries.length > 0) {
      const rest = await change.reader.read(entries.map((e) => e.path));
      const elsewhere = new Set([...rest.values()].flatMap((b) => recordLines(b)));
      missing = missing.filter((m) => !elsewhere.has(m.text));
    }
  }
  const review: Finding[] = [];
  const run: Finding[] = [];
  for (const m of missing) {
    const { type, id } = describe(m.text);
    const finding = evidenceDeleted({ type, id, base, file: m.file, line: m.line, staged: change.kind === 'staged', head: change.head ?? undefined });
    (type === 'run' ? run : review).push(finding);
  }
  return { review, run };
}

function describe(line: string): { type: string; id: string | null } {
  try {
    const value = JSON.parse(line) as { type?: unknown; id?: unknown };
    return { type: typeof value.type === 'string' ? value.type : 'evidence', id: typeof value.id === 'string' ? value.id : null };
  } catch {
    return { type: 'evidence', id: null };
  }
}
