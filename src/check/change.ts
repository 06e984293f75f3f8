// Collecting the change being judged: its diff (per commit in range mode), its review items, and
// a reader for the content it ends at. Shared by `check` and the producers, so they always agree
// on what "this change" is.
import type { Config } from '../config/schema.js';
import { globMatcher } from '../glob.js';
import type { FileDiff, FileStatus } from '../diff/model.js';
import { reviewItems } from '../diff/items.js';
import { isEvidencePath } from '../diff/tree.js';
import type { JudgedItem } from '../gates/review.js';
import { commitReader, indexReader, unmergedError } from '../git/content.js';
import { emptyTreeId, readCommitDiff, readStagedDiff } from '../git/diff.js';
import type { ContentReader } from '../git/reader.js';
import { describeState, type Repo } from '../git/repo.js';
import { resolveRange, type TargetSpec } from '../git/target.js';

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

export async function collectChange(repo: Repo, config: Config, target: TargetSpec): Promise<Change> {
  const { git } = repo;
  if (target.kind === 'staged') {
    const base = repo.head ?? (await emptyTreeId(git));
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
      base: repo.head,
      head: null,
      reader,
      items,
      ignored,
      files: kept.map((f) => ({ path: f.path, status: f.status })),
      evidenceFiles: evidence,
      changedLines: countLines(kept),
      commits: [],
    };
  }

  const range = await resolveRange(git, target.spec);
  const emptyTree = await emptyTreeId(git);
  // Merge commits join branches whose own commits are judged one by one.
  const judged = range.commits.filter((c) => c.parents.length <= 1);
  const diffs = await mapLimit(judged, 8, (c) => readCommitDiff(git, c.parents[0] ?? emptyTree, c.id));
  const items: JudgedItem[] = [];
  const ignored = new Set<string>();
  const files = new Map<string, ChangedFile>();
  const evidenceFiles = new Set<string>();
  let changedLines = 0;
  judged.forEach((commit, i) => {
    const { kept, evidence } = splitEvidence(diffs[i] ?? [], config.evidence_dir);
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
  };
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
