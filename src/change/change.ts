// Collecting the change being judged: its diff (per commit in range mode), its review items, and
// a reader for the content it ends at. Shared by `check` and the producers, so they always agree
// on what "this change" is.
import { CONFIG_FILE } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { globMatcher } from '../glob.js';
import type { FileDiff, FileStatus } from '../diff/model.js';
import { reviewItems } from '../diff/items.js';
import { isEvidenceFile } from '../diff/tree.js';
import type { JudgedItem } from '../gates/review.js';
import type { Finding } from '../gates/types.js';
import { reviewLockfiles } from './lockfiles.js';
import { commitReader, indexReader, readObjects, unmergedError } from '../git/content.js';
import { emptyTreeId, readCommitDiff, readStagedDiff } from '../git/diff.js';
import { readRemergeDiff, supportsRemerge } from '../git/remerge.js';
import type { ContentReader } from '../git/reader.js';
import { describeState, type Repo } from '../git/repo.js';
import type { Git } from '../git/exec.js';
import { firstParent, reachableOnlyFrom, shallowBoundary } from '../git/history.js';
import { resolveRange, type RangeCommit, type TargetSpec } from '../git/target.js';
import { adoptionCommits } from './rules.js';
import { cacheKey, readCache, writeCache } from '../cache.js';

/** The configuration file whose arrival marks adoption (see dropAdoption). */

/**
 * Commits already chosen (pre-push: what the remote lacks; several ranges are judged apart).
 * `spec` is what fix commands print; `base` may be null when there is no single one.
 */
export interface CommitsTarget {
  readonly kind: 'commits';
  readonly spec: string;
  readonly base: string | null;
  readonly head: string;
  /** Oldest first, parents before children. */
  readonly commits: readonly RangeCommit[];
  /** The commit whose rules judge these commits, when it is not `base` (pre-push: a new branch). */
  readonly rulesBase?: string | null;
  /** The ref these commits update (pre-push: the remote ref), when known. */
  readonly ref?: string;
}

export type ChangeTarget = TargetSpec | CommitsTarget;

interface ChangedFile {
  readonly path: string;
  readonly status: FileStatus;
}

export interface Change {
  readonly kind: 'staged' | 'range';
  /** The range as written (range mode), for fix commands. */
  readonly spec: string | null;
  readonly base: string | null;
  readonly head: string | null;
  /** The content the change ends at: the index, or the range's last commit. */
  readonly reader: ContentReader;
  /** Items that need review (ignored paths and the evidence folder removed). */
  readonly items: readonly JudgedItem[];
  /** Paths matched by review.ignore. */
  readonly ignored: readonly string[];
  /** Changed files outside the evidence folder (in range mode, across all judged commits). */
  readonly files: readonly ChangedFile[];
  /** Files inside the evidence folder that changed (plans, evidence). */
  readonly evidenceFiles: readonly string[];
  /** Staged mode: the object ids of those files before and after (a cache key for append-only). */
  readonly evidenceObjects?: readonly string[];
  /** Number of changed lines outside the evidence folder. */
  readonly changedLines: number;
  /** Commits judged (range mode). */
  readonly commits: readonly string[];
  /** What the reader should know about how the change was read (adoption, merges). */
  readonly notes: readonly string[];
  /** Lockfile packages from a host or over a protocol not allowed, or with other bytes at the same version. */
  readonly lockfileFindings: readonly Finding[];
  /** Range mode: each judged commit on its own, oldest first (which plan covers it is per commit). */
  readonly perCommit?: readonly CommitPart[];
  /** Range mode: the ref the commits update, when known (pre-push). */
  readonly ref?: string;
  /** Staged mode: the change replaces HEAD (`git commit --amend`); `base` is HEAD's parent. */
  readonly amend?: boolean;
  /**
   * Range mode: for each merge judged on its remerge diff, the items of its first-parent diff —
   * what the pre-commit hook judged when the merge was committed (see gates/merge-view.ts).
   */
  readonly mergeFirstParent?: ReadonlyMap<string, readonly JudgedItem[]>;
}

/** One judged commit: what it changed outside the evidence folder, and which evidence files it touched. */
interface CommitPart {
  readonly id: string;
  readonly parents: readonly string[];
  readonly paths: readonly string[];
  readonly changedLines: number;
  readonly evidenceFiles: readonly string[];
}

function splitEvidence(files: readonly FileDiff[], evidenceDir: string): { kept: FileDiff[]; evidence: string[]; objects: string[] } {
  const kept: FileDiff[] = [];
  const evidence: string[] = [];
  const objects: string[] = [];
  for (const f of files) {
    // Only files shaped like plans and evidence are exempt: anything else in the folder is reviewed.
    const inside =
      isEvidenceFile(f.path, f.newMode ?? f.oldMode, evidenceDir) && (f.oldPath === null || isEvidenceFile(f.oldPath, f.oldMode, evidenceDir));
    if (inside) {
      evidence.push(f.path);
      objects.push(`${f.oldPath ?? ''}\0${f.oldOid ?? ''}\0${f.path}\0${f.newOid ?? ''}`);
      // A renamed evidence file: its old path too, so records lost on the way are noticed.
      if (f.oldPath !== null && f.oldPath !== f.path) evidence.push(f.oldPath);
    } else kept.push(f);
  }
  return { kept, evidence, objects };
}

async function itemsOf(git: Git, files: readonly FileDiff[], config: Config, npmrc: () => string, commit?: string) {
  const ignore = globMatcher(config.review.ignore);
  const ignored: string[] = [];
  const reviewable: FileDiff[] = [];
  for (const f of files) {
    if (ignore(f.path)) ignored.push(f.path);
    else reviewable.push(f);
  }
  // npm lockfiles: one item per package instead of one per hunk (their other items stay).
  const lockfiles = await reviewLockfiles(git, reviewable, config, npmrc);
  const all = reviewable.flatMap((f) => {
    const packages = lockfiles.items.get(f);
    const own = reviewItems([f]);
    return packages ? [...own.filter((i) => i.kind !== 'lines'), ...packages] : own;
  });
  const items: JudgedItem[] = all.map((item) => (commit ? { item, commit } : { item }));
  return { items, ignored, lockfileFindings: lockfiles.findings };
}

/**
 * Only files that parse as plans are exempt as plans: a `plans/*.md` that is not one (no front
 * matter, broken front matter) goes back among the reviewed files. Verdicts are cached by blob id.
 */
async function unexemptNonPlans(git: Git, split: { kept: FileDiff[]; evidence: string[] }, diffs: readonly FileDiff[], evidenceDir: string, cacheDir?: string) {
  const plans = diffs.filter((f) => f.newOid !== null && f.status !== 'deleted' && f.path.startsWith(`${evidenceDir}/plans/`) && split.evidence.includes(f.path));
  if (plans.length === 0) return;
  const verdict = new Map<FileDiff, boolean>();
  const unknown: FileDiff[] = [];
  for (const f of plans) {
    const hit = readCache<boolean>(cacheDir, `isplan-${cacheKey(f.path, f.newOid ?? '')}.json`);
    if (typeof hit === 'boolean') verdict.set(f, hit);
    else unknown.push(f);
  }
  if (unknown.length > 0) {
    const { parsePlan } = await import('../plan/parse.js');
    const blobs = await readObjects(git, unknown.map((f) => f.newOid ?? ''));
    for (const [i, f] of unknown.entries()) {
      const ok = await parsePlan(blobs[i]?.toString('utf8') ?? '', f.path).then(
        () => true,
        () => false,
      );
      verdict.set(f, ok);
      writeCache(cacheDir, `isplan-${cacheKey(f.path, f.newOid ?? '')}.json`, ok);
    }
  }
  for (const [f, ok] of verdict) {
    if (ok) continue;
    split.kept.push(f);
    split.evidence = split.evidence.filter((p) => p !== f.path && p !== f.oldPath);
  }
}

function countLines(files: readonly FileDiff[]): number {
  let n = 0;
  for (const f of files) for (const h of f.hunks) for (const l of h.lines) if (l.side !== ' ') n += 1;
  return n;
}

/** `rules` may still be loading: in staged mode it is read while git lists the index and the diff. */
export async function collectChange(repo: Repo, rules: Config | Promise<Config>, target: ChangeTarget): Promise<Change> {
  const { git } = repo;
  if (target.kind === 'staged') {
    // An amend replaces HEAD: what lands is HEAD's parent plus the index, which is what pre-push
    // and CI will judge, so that is the change (a root commit's parent is the empty tree).
    const parent = target.amend && repo.head ? await amendBase(git, repo.head) : repo.head;
    const base = parent ?? (await emptyTreeId(git));
    // All at once (check runs on every commit); unmerged paths are reported from the index
    // listing, which names the merge or rebase in progress, whatever the diff said.
    const [listed, diffed, loaded] = await Promise.allSettled([indexReader(git), readStagedDiff(git, base), Promise.resolve(rules)]);
    if (listed.status === 'rejected') throw listed.reason;
    const reader = listed.value;
    if (reader.unmerged.length > 0) throw unmergedError(reader.unmerged, describeState(repo.state));
    if (loaded.status === 'rejected') throw loaded.reason;
    const config = loaded.value;
    if (diffed.status === 'rejected') throw diffed.reason;
    const diff = diffed.value;
    const split = splitEvidence(diff, config.evidence_dir);
    await unexemptNonPlans(git, split, diff, config.evidence_dir, repo.cacheDir);
    const { kept, evidence, objects } = split;
    // The registries allowed come from before the change, like the rules.
    const { items, ignored, lockfileFindings } = await itemsOf(git, kept, config, () => `${repo.head ?? ''}:.npmrc`);
    return {
      kind: 'staged',
      spec: null,
      base: parent,
      head: null,
      reader,
      items,
      ignored,
      files: kept.map((f) => ({ path: f.path, status: f.status })),
      evidenceFiles: evidence,
      evidenceObjects: objects,
      changedLines: countLines(kept),
      commits: [],
      lockfileFindings,
      notes: target.amend && repo.head ? [`amending ${repo.head.slice(0, 12)}: the commit is judged whole, against its parent, as pre-push will judge it`] : [],
      ...(target.amend ? { amend: true } : {}),
    };
  }

  const config = await rules;
  const range: CommitsTarget = target.kind === 'range' ? { ...(await resolveRange(git, target.spec)), kind: 'commits' } : target;
  const notes: string[] = [];
  await refuseCutHistory(repo, range.commits);
  const judged = await dropAdoption(git, range, notes);
  const emptyTree = await emptyTreeId(git);
  const diffs = await mapLimit(judged, 8, (c) => commitDiff(git, c, emptyTree, notes));
  const remerged = judged.filter((c) => c.parents.length === 2);
  const firstParentDiffs = remerged.length > 0 && (await supportsRemerge(git)) ? await mapLimit(remerged, 8, (c) => readCommitDiff(git, c.parents[0] as string, c.id)) : [];
  const rulesRev = range.rulesBase ?? range.base ?? range.head;
  const mergeFirstParent = new Map<string, JudgedItem[]>();
  for (const [i, diff] of firstParentDiffs.entries()) {
    const id = (remerged[i] as RangeCommit).id;
    mergeFirstParent.set(id, (await itemsOf(git, splitEvidence(diff, config.evidence_dir).kept, config, () => `${rulesRev}:.npmrc`, id)).items);
  }
  const items: JudgedItem[] = [];
  const ignored = new Set<string>();
  const files = new Map<string, ChangedFile>();
  const evidenceFiles = new Set<string>();
  let changedLines = 0;
  const lockfileFindings = new Map<string, Finding>();
  const perCommit: CommitPart[] = [];
  for (const [i, commit] of judged.entries()) {
    const split = splitEvidence(diffs[i] ?? [], config.evidence_dir);
    await unexemptNonPlans(git, split, diffs[i] ?? [], config.evidence_dir, repo.cacheDir);
    const { kept, evidence } = split;
    perCommit.push({ id: commit.id, parents: commit.parents, paths: kept.map((f) => f.path), changedLines: countLines(kept), evidenceFiles: evidence });
    const mine = await itemsOf(git, kept, config, () => `${rulesRev}:.npmrc`, commit.id);
    for (const f of mine.lockfileFindings) lockfileFindings.set(f.message, f);
    items.push(...mine.items);
    for (const p of mine.ignored) ignored.add(p);
    for (const f of kept) files.set(f.path, { path: f.path, status: f.status });
    for (const p of evidence) evidenceFiles.add(p);
    changedLines += countLines(kept);
  }
  return {
    kind: 'range',
    spec: range.spec,
    base: range.base,
    head: range.head,
    reader: await commitReader(git, range.head),
    items,
    ignored: [...ignored],
    files: [...files.values()],
    evidenceFiles: [...evidenceFiles],
    changedLines,
    commits: judged.map((c) => c.id),
    notes: [...new Set(notes)],
    lockfileFindings: [...lockfileFindings.values()],
    perCommit,
    ...(range.ref !== undefined ? { ref: range.ref } : {}),
    ...(mergeFirstParent.size > 0 ? { mergeFirstParent } : {}),
  };
}

/** HEAD's first parent, or null when HEAD is a root commit. */
async function amendBase(git: Git, head: string): Promise<string | null> {
  return firstParent(git, head);
}

// Adoption: history from before the project used reviewgate carries no evidence and never will.
// The commit that first added .reviewgate.yml, and everything it descends from, is not judged, in
// every range mode (so pre-push and CI agree). Only once: a configuration removed and added again
// is an ordinary change (see adoptionCommits).
async function dropAdoption(git: Git, range: CommitsTarget, notes: string[]): Promise<RangeCommit[]> {
  if (range.commits.length === 0) return [];
  const adders = await adoptionCommits(git, range.head, CONFIG_FILE);
  if (adders.length === 0) return [...range.commits];
  const after = new Set(await reachableOnlyFrom(git, range.head, adders));
  const kept = range.commits.filter((c) => after.has(c.id));
  const dropped = range.commits.length - kept.length;
  if (dropped > 0) {
    notes.push(`${dropped} commit${dropped === 1 ? '' : 's'} up to the one that added ${CONFIG_FILE} not judged (adoption: they predate reviewgate)`);
  }
  return kept;
}

// A shallow clone's boundary commits look like root commits: judged, they would show every file
// as added; skipped, the commits behind them would go unjudged. Either way the verdict would be
// wrong, so a range that reaches the boundary fails closed (principle 3).
async function refuseCutHistory(repo: Repo, commits: readonly RangeCommit[]): Promise<void> {
  const cut = await shallowBoundary(repo.commonDir);
  if (cut === null) return; // not a shallow repository
  const hit = commits.find((c) => cut.has(c.id));
  if (hit) {
    throw new UserError(
      `the history of ${hit.id.slice(0, 12)} is cut off (a shallow clone): the commits before it cannot be judged`,
      'git fetch --no-tags --unshallow origin  (or, in CI, fetch with fetch-depth: 0)',
    );
  }
}

/** What one commit changed: its diff against its parent; for a merge, what the merge itself added. */
async function commitDiff(git: Git, commit: RangeCommit, emptyTree: string, notes: string[]): Promise<FileDiff[]> {
  const [first, second, ...more] = commit.parents;
  if (second === undefined) return readCommitDiff(git, first ?? emptyTree, commit.id);
  const short = commit.id.slice(0, 12);
  if (more.length > 0) {
    // --remerge-diff does not recreate octopus merges: fail closed on the whole first-parent diff.
    notes.push(`octopus merge ${short}: its whole first-parent diff is judged`);
  } else if (await supportsRemerge(git)) {
    return readRemergeDiff(git, commit.id);
  } else {
    notes.push(`git older than 2.36 (no --remerge-diff): merge ${short} is judged on its whole first-parent diff`);
  }
  return readCommitDiff(git, first as string, commit.id);
}

/** Promise.all with at most `limit` in flight (git processes are not free). */
async function mapLimit<T, R>(list: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      out[i] = await fn(list[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, list.length) }, worker));
  return out;
}
