// Which plan covers a change. A plan belongs to the change it was recorded with, not to a file
// name or a branch name, and git's history says which that is:
//
// - a change is covered by a plan it records itself (the plan is staged, or committed, with it);
// - on a branch other than the default one, a change is also covered by the plan last recorded on
//   that branch's own commits (its first-parent history since it left the default branch);
// - a plan marked done covers no new work: the change that marks it done is its last;
// - on the default branch every change needs its own plan (record a new one, or continue the
//   existing one, which stages it with the change).
//
// Range mode applies the same rule to each commit, so the plan gate judges each commit as the
// pre-commit hook judged it when it was made.
import { cacheKey, readCache, writeCache } from '../cache.js';
import type { Config } from '../config/schema.js';
import { defaultExclusion, readDefaultBranch } from '../git/default-branch.js';
import { pathsAddedOrModified } from '../git/changed-paths.js';
import { readBlobsByName, type NamedBlob } from '../git/content.js';
import type { Git } from '../git/exec.js';
import { lastNonMergeTouching } from '../git/history.js';
import type { Repo } from '../git/repo.js';
import { parsePlan, type Plan } from '../plan/parse.js';
import type { Change } from './change.js';
import type { FoundPlan } from './inputs.js';

/** A plan with the part of the change it covers. */
interface CoveringPlan {
  readonly found: FoundPlan;
  /** Commits it covers (range mode), oldest first; empty in staged mode. */
  readonly commits: readonly string[];
  readonly changedLines: number;
  readonly changedPaths: readonly string[];
  /**
   * The size of the change the plan was recorded with, when that change is judged here (the
   * staged change, or a commit of the range): only then can "the plan came after the code" be told.
   */
  readonly recordedWith: RecordedWith | null;
}

/** How much of the change a plan was recorded with already existed, next to that change's size. */
interface RecordedWith {
  /** Lines that existed when the plan was recorded, never more than the change has. */
  readonly existed: number;
  readonly lines: number;
  readonly files: number;
}

type UncoveredReason = 'none' | 'done' | 'default-branch';

export interface Uncovered {
  /** The commit (range mode) or null (the staged change). */
  readonly commit: string | null;
  readonly reason: UncoveredReason;
  /** The plan that does not cover it (done, or recorded for an earlier change). */
  readonly plan: string | null;
  readonly branch: string | null;
}

export interface PlanCoverage {
  readonly plans: readonly CoveringPlan[];
  readonly uncovered: readonly Uncovered[];
}

const isPlanPath = (config: Config, p: string) => p.startsWith(`${config.evidence_dir}/plans/`) && p.endsWith('.md');

/** Parses a plan, cached by blob id (parsing the front matter needs the YAML library). */
async function parsed(blob: NamedBlob | undefined, path: string, cacheDir: string | undefined): Promise<Plan | null> {
  if (blob === undefined) return null;
  const name = `plan-${cacheKey(path)}-${cacheKey(blob.oid)}.json`;
  const hit = readCache<Plan>(cacheDir, name);
  if (hit && hit.file === path) return hit;
  const plan = await parsePlan(blob.text, path);
  writeCache(cacheDir, name, plan, `plan-${cacheKey(path)}-`);
  return plan;
}

/**
 * The nearest commit at or before `from` on its first-parent line (merges left out: a merge of the
 * default branch brings that branch's plans, not this branch's) that recorded a plan, and not on
 * the default branch; with the plans it recorded. Cached: it depends only on the commit ids.
 */
async function lastRecorded(git: Git, config: Config, from: string, exclude: string | null, cacheDir?: string): Promise<{ commit: string; paths: string[] } | null> {
  const key = `plan-recorded-${cacheKey(from, exclude ?? '', config.evidence_dir)}.json`;
  const hit = readCache<{ commit: string; paths: string[] } | { none: true }>(cacheDir, key);
  if (hit) return 'none' in hit ? null : hit;
  const dir = `${config.evidence_dir}/plans/`;
  const commit = await lastNonMergeTouching(git, from, exclude, dir);
  let result: { commit: string; paths: string[] } | null = null;
  if (commit) {
    const paths = (await pathsAddedOrModified(git, commit, dir)).filter((p) => isPlanPath(config, p));
    if (paths.length > 0) result = { commit, paths };
  }
  writeCache(cacheDir, key, result ?? { none: true });
  return result;
}

/** The staged change: the plan staged with it, else (off the default branch) the branch's plan. */
async function stagedCoverage(repo: Repo, config: Config, change: Change): Promise<PlanCoverage> {
  const whole = (found: FoundPlan, own: boolean): CoveringPlan => ({
    found,
    commits: [],
    changedLines: change.changedLines,
    changedPaths: change.files.map((f) => f.path),
    recordedWith: own ? { existed: Math.min(found.plan.frontMatter.change_at_record.lines, change.changedLines), lines: change.changedLines, files: change.files.length } : null,
  });
  // A file under plans/ that does not parse as a plan is reviewed like any file (it is not evidence);
  // but one that opens with front matter is a plan someone meant to record: say what is wrong with
  // it (file:line, exit 2) rather than "no plan".
  const unparsed = change.files.map((f) => f.path).filter((p) => isPlanPath(config, p) && change.files.some((f) => f.path === p && f.status !== 'deleted'));
  if (unparsed.length > 0) {
    const texts = await readBlobsByName(repo.git, unparsed.map((p) => `:${p}`));
    for (const path of unparsed) {
      const blob = texts.get(`:${path}`);
      if (blob && /^---\r?\n/.test(blob.text)) await parsePlan(blob.text, path);
    }
  }
  const own = change.evidenceFiles.filter((p) => isPlanPath(config, p));
  const branch = repo.branch;
  // HEAD, or HEAD's parent when amending (the change replaces HEAD).
  const head = change.base;
  let doneOwn: string | null = null;
  if (own.length > 0) {
    const texts = await readBlobsByName(repo.git, [...own.map((p) => `:${p}`), ...(head ? own.map((p) => `${head}:${p}`) : [])]);
    for (const path of own.reverse()) {
      const plan = await parsed(texts.get(`:${path}`), path, repo.cacheDir);
      if (!plan) continue;
      if (plan.frontMatter.status === 'active') return { plans: [whole({ path, plan }, true)], uncovered: [] };
      const before = await parsed(texts.get(`${head}:${path}`), path, repo.cacheDir);
      // Marking a plan done with its last change: it covers that change.
      if (before?.frontMatter.status === 'active') return { plans: [whole({ path, plan }, true)], uncovered: [] };
      doneOwn = path;
    }
  }
  if (doneOwn) return { plans: [], uncovered: [{ commit: null, reason: 'done', plan: doneOwn, branch }] };
  const info = await readDefaultBranch(repo.git);
  if (branch !== null && info.names.includes(branch)) {
    // Tell the person which plan they may continue.
    const last = head ? await lastRecorded(repo.git, config, head, null, repo.cacheDir) : null;
    return { plans: [], uncovered: [{ commit: null, reason: last ? 'default-branch' : 'none', plan: last?.paths[0] ?? null, branch }] };
  }
  const last = head ? await lastRecorded(repo.git, config, head, defaultExclusion(info, branch), repo.cacheDir) : null;
  if (!last) return { plans: [], uncovered: [{ commit: null, reason: 'none', plan: null, branch }] };
  const texts = await readBlobsByName(repo.git, last.paths.map((p) => `:${p}`));
  for (const path of last.paths) {
    const plan = await parsed(texts.get(`:${path}`), path, repo.cacheDir);
    if (plan?.frontMatter.status === 'active') return { plans: [whole({ path, plan }, false)], uncovered: [] };
  }
  return { plans: [], uncovered: [{ commit: null, reason: 'done', plan: last.paths[0] ?? null, branch }] };
}

interface CommitPlan {
  readonly path: string;
  readonly own: boolean;
}

/** Range mode: each judged commit that changed something gets its covering plan, or a reason. */
async function rangeCoverage(repo: Repo, config: Config, change: Change): Promise<PlanCoverage> {
  const parts = change.perCommit ?? [];
  const byId = new Map(parts.map((p) => [p.id, p]));
  const info = await readDefaultBranch(repo.git);
  // Is the range itself the default branch (pushing main, or checking a range that ends at its tip)?
  const refName = change.ref?.startsWith('refs/heads/') ? change.ref.slice('refs/heads/'.length) : null;
  const onDefault = refName !== null ? info.names.includes(refName) : [...info.localTips.values()].includes(change.head ?? '');
  const mainline = new Set<string>();
  if (onDefault) {
    for (let id: string | undefined = change.head ?? undefined; id && byId.has(id); id = byId.get(id)?.parents[0]) mainline.add(id);
  }
  const exclude = info.publishedTip ?? (onDefault ? change.base : defaultExclusion(info, null));

  // The candidate plans of each commit: its own, else inherited along its first parent.
  const candidates = new Map<string, { paths: string[]; own: boolean; from: string } | null>();
  const ownPlans = (id: string) => (byId.get(id)?.evidenceFiles ?? []).filter((p) => isPlanPath(config, p));
  for (const part of parts) {
    const own = ownPlans(part.id);
    if (own.length > 0 && part.parents.length < 2) {
      candidates.set(part.id, { paths: own, own: true, from: part.id });
      continue;
    }
    if (mainline.has(part.id)) {
      candidates.set(part.id, null);
      continue;
    }
    const parent = part.parents[0];
    let inherited: { paths: string[]; from: string } | null = null;
    if (parent && byId.has(parent)) {
      if (!mainline.has(parent)) {
        const up = candidates.get(parent);
        inherited = up ? { paths: up.paths, from: up.from } : null;
      }
    } else if (parent) {
      const last = await lastRecorded(repo.git, config, parent, exclude, repo.cacheDir);
      inherited = last ? { paths: last.paths, from: last.commit } : null;
    }
    candidates.set(part.id, inherited ? { ...inherited, own: false } : null);
  }

  // Read every candidate plan at the commit it would cover (and, for a plan a commit marks done,
  // at its parent) in one cat-file.
  const specs: string[] = [];
  for (const part of parts) {
    const c = candidates.get(part.id);
    if (!c || part.paths.length === 0) continue;
    for (const p of c.paths) {
      specs.push(`${part.id}:${p}`);
      if (c.own && part.parents[0]) specs.push(`${part.parents[0]}:${p}`);
    }
  }
  const texts = await readBlobsByName(repo.git, specs);
  const plans = new Map<string, Plan | null>();
  const planAt = async (spec: string, path: string) => {
    if (!plans.has(spec)) plans.set(spec, await parsed(texts.get(spec), path, repo.cacheDir));
    return plans.get(spec) ?? null;
  };

  const covering = new Map<string, { path: string; commits: string[]; lines: number; paths: Set<string>; recordedWith: CoveringPlan['recordedWith']; plan: Plan }>();
  const uncovered: Uncovered[] = [];
  for (const part of parts) {
    if (part.paths.length === 0) continue; // evidence only: nothing to plan
    const c = candidates.get(part.id);
    let chosen: CommitPlan | null = null;
    let plan: Plan | null = null;
    let donePath: string | null = null;
    for (const path of c?.paths ?? []) {
      const at = await planAt(`${part.id}:${path}`, path);
      if (!at) continue;
      let ok = at.frontMatter.status === 'active';
      if (!ok && c?.own && part.parents[0]) ok = (await planAt(`${part.parents[0]}:${path}`, path))?.frontMatter.status === 'active';
      if (ok) {
        chosen = { path, own: c?.own ?? false };
        plan = at;
        break;
      }
      donePath = path;
    }
    if (!chosen || !plan) {
      const reason: UncoveredReason = donePath ? 'done' : mainline.has(part.id) ? 'default-branch' : 'none';
      uncovered.push({ commit: part.id, reason, plan: donePath, branch: mainline.has(part.id) ? refName ?? info.names[0] ?? null : null });
      continue;
    }
    const entry = covering.get(chosen.path) ?? { path: chosen.path, commits: [], lines: 0, paths: new Set<string>(), recordedWith: null, plan };
    entry.commits.push(part.id);
    entry.lines += part.changedLines;
    for (const p of part.paths) entry.paths.add(p);
    entry.plan = plan; // the plan as of the last commit it covers
    if (chosen.own) entry.recordedWith = { existed: Math.min(plan.frontMatter.change_at_record.lines, part.changedLines), lines: part.changedLines, files: part.paths.length };
    covering.set(chosen.path, entry);
  }
  return {
    plans: [...covering.values()].map((e) => ({
      found: { path: e.path, plan: e.plan },
      commits: e.commits,
      changedLines: e.lines,
      changedPaths: [...e.paths],
      recordedWith: e.recordedWith,
    })),
    uncovered,
  };
}

export function planCoverage(repo: Repo, config: Config, change: Change): Promise<PlanCoverage> {
  return change.kind === 'staged' ? stagedCoverage(repo, config, change) : rangeCoverage(repo, config, change);
}

/** The plan whose checklist the tests gate reads: the one covering the latest work. */
export function checklistPlan(coverage: PlanCoverage): FoundPlan | null {
  return coverage.plans[coverage.plans.length - 1]?.found ?? null;
}
