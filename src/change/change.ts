// Collecting the change being judged: its diff (per commit in range mode), its review items, and
// a reader for the content it ends at. Shared by `check` and the producers, so they always agree
// on what "this change" is.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { globMatcher } from '../glob.js';
import type { FileDiff, FileStatus } from '../diff/model.js';
import { reviewItems } from '../diff/items.js';
import { isEvidencePath } from '../diff/tree.js';
import type { JudgedItem } from '../gates/review.js';
import { commitReader, indexReader, unmergedError } from '../git/content.js';
import { emptyTreeId, readCommitDiff, readStagedDiff } from '../git/diff.js';
import { readRemergeDiff, supportsRemerge } from '../git/remerge.js';
import type { ContentReader } from '../git/reader.js';
import { describeState, type Repo } from '../git/repo.js';
import type { Git } from '../git/exec.js';
import { resolveRange, type RangeCommit, type TargetSpec } from '../git/target.js';

/** The configuration file whose arrival marks adoption (see dropAdoption). */
const CONFIG_FILE = '.reviewgate.yml';

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
  /** The ref these commits update (pre-push: the remote ref), when known. */
  readonly ref?: string;
}

export type ChangeTarget = TargetSpec | CommitsTarget;

export interface ChangedFile {
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
  /** Number of changed lines outside the evidence folder. */
  readonly changedLines: number;
  /** Commits judged (range mode). */
  readonly commits: readonly string[];
  /** What the reader should know about how the change was read (adoption, merges). */
  readonly notes: readonly string[];
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
export interface CommitPart {
  readonly id: string;
  readonly parents: readonly string[];
  readonly paths: readonly string[];
  readonly changedLines: number;
  readonly evidenceFiles: readonly string[];
}

function splitEvidence(files: readonly FileDiff[], evidenceDir: string): { kept: FileDiff[]; evidence: string[] } {
  const kept: FileDiff[] = [];
  const evidence: string[] = [];
  for (const f of files) {
    const inside = isEvidencePath(f.path, evidenceDir) && (f.oldPath === null || isEvidencePath(f.oldPath, evidenceDir));
    if (inside) evidence.push(f.path);
    else kept.push(f);
  }
  return { kept, evidence };
}

function itemsOf(files: readonly FileDiff[], config: Config, commit?: string) {
  const ignore = globMatcher(config.review.ignore);
  const ignored: string[] = [];
  const reviewable: FileDiff[] = [];
  for (const f of files) {
    if (ignore(f.path)) ignored.push(f.path);
    else reviewable.push(f);
  }
  const items: JudgedItem[] = reviewItems(reviewable).map((item) => (commit ? { item, commit } : { item }));
  return { items, ignored };
}

function countLines(files: readonly FileDiff[]): number {
  let n = 0;
  for (const f of files) for (const h of f.hunks) for (const l of h.lines) if (l.side !== ' ') n += 1;
  return n;
}

export async function collectChange(repo: Repo, config: Config, target: ChangeTarget): Promise<Change> {
  const { git } = repo;
  if (target.kind === 'staged') {
    // An amend replaces HEAD: what lands is HEAD's parent plus the index, which is what pre-push
    // and CI will judge, so that is the change (a root commit's parent is the empty tree).
    const parent = target.amend && repo.head ? await amendBase(git, repo.head) : repo.head;
    const base = parent ?? (await emptyTreeId(git));
    // Both at once (check runs on every commit); unmerged paths are reported from the index
    // listing, which names the merge or rebase in progress, whatever the diff said.
    const [listed, diffed] = await Promise.allSettled([indexReader(git), readStagedDiff(git, base)]);
    if (listed.status === 'rejected') throw listed.reason;
    const reader = listed.value;
    if (reader.unmerged.length > 0) throw unmergedError(reader.unmerged, describeState(repo.state));
    if (diffed.status === 'rejected') throw diffed.reason;
    const diff = diffed.value;
    const { kept, evidence } = splitEvidence(diff, config.evidence_dir);
    const { items, ignored } = itemsOf(kept, config);
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
      changedLines: countLines(kept),
      commits: [],
      notes: target.amend && repo.head ? [`amending ${repo.head.slice(0, 12)}: the commit is judged whole, against its parent, as pre-push will judge it`] : [],
      ...(target.amend ? { amend: true } : {}),
    };
  }

  const range: CommitsTarget = target.kind === 'range' ? { ...(await resolveRange(git, target.spec)), kind: 'commits' } : target;
  const notes: string[] = [];
  await refuseCutHistory(repo, range.commits);
  const judged = await dropAdoption(git, range, notes);
  const emptyTree = await emptyTreeId(git);
  const diffs = await mapLimit(judged, 8, (c) => commitDiff(git, c, emptyTree, notes));
  const remerged = judged.filter((c) => c.parents.length === 2);
  const firstParentDiffs = remerged.length > 0 && (await supportsRemerge(git)) ? await mapLimit(remerged, 8, (c) => readCommitDiff(git, c.parents[0] as string, c.id)) : [];
  const mergeFirstParent = new Map<string, JudgedItem[]>();
  firstParentDiffs.forEach((diff, i) => {
    const id = (remerged[i] as RangeCommit).id;
    mergeFirstParent.set(id, itemsOf(splitEvidence(diff, config.evidence_dir).kept, config, id).items);
  });
  const items: JudgedItem[] = [];
  const ignored = new Set<string>();
  const files = new Map<string, ChangedFile>();
  const evidenceFiles = new Set<string>();
  let changedLines = 0;
  const perCommit: CommitPart[] = [];
  judged.forEach((commit, i) => {
    const { kept, evidence } = splitEvidence(diffs[i] ?? [], config.evidence_dir);
    perCommit.push({ id: commit.id, parents: commit.parents, paths: kept.map((f) => f.path), changedLines: countLines(kept), evidenceFiles: evidence });
    const mine = itemsOf(kept, config, commit.id);
    items.push(...mine.items);
    for (const p of mine.ignored) ignored.add(p);
    for (const f of kept) files.set(f.path, { path: f.path, status: f.status });
    for (const p of evidence) evidenceFiles.add(p);
    changedLines += countLines(kept);
  });
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
    perCommit,
    ...(range.ref !== undefined ? { ref: range.ref } : {}),
    ...(mergeFirstParent.size > 0 ? { mergeFirstParent } : {}),
  };
}

/** HEAD's first parent, or null when HEAD is a root commit. */
async function amendBase(git: Git, head: string): Promise<string | null> {
  return (await git.text(['rev-parse', '-q', '--verify', `${head}^1^{commit}`], { okCodes: [1, 128] })) || null;
}

// Adoption: history from before the project used reviewgate carries no evidence and never will.
// The commit that added .reviewgate.yml, and everything it descends from, is not judged, in every
// range mode (so pre-push and CI agree). --full-history so a config that arrived through a merged
// branch is found too; merges themselves never match --diff-filter=A (log shows them no diff).
async function dropAdoption(git: Git, range: CommitsTarget, notes: string[]): Promise<RangeCommit[]> {
  if (range.commits.length === 0) return [];
  const log = ['log', '--full-history', '--diff-filter=A', '--format=%H', '--end-of-options', range.head, '--', CONFIG_FILE];
  const adders = (await git.text(log)).split('\n').filter(Boolean);
  if (adders.length === 0) return [...range.commits];
  const after = new Set((await git.text(['rev-list', range.head, '--not', ...adders])).split('\n').filter(Boolean));
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
  let shallow: string;
  try {
    shallow = await readFile(join(repo.commonDir, 'shallow'), 'utf8');
  } catch {
    return; // not a shallow repository
  }
  const cut = new Set(shallow.split('\n').filter(Boolean));
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
export async function mapLimit<T, R>(list: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
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
