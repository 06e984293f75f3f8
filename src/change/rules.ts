// The rules a change is judged by: the configuration that was already there (principle 7), read
// from git, never from the work tree. Staged mode judges by HEAD's configuration (the commit the
// new one will sit on; before the first commit, the index's); range, pre-push and CI modes by the
// base's. A change to `.reviewgate.yml` is part of the change: reviewed like any line, and its
// rules apply only once it has landed. Otherwise the change under judgement (or the AI agent
// writing it) could switch off the gate it is judged by.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { CONFIG_FILE, ConfigFileError, defaultRules, loadConfig, parseConfigText, utf8OrThrow, type LoadedConfig } from '../config/load.js';
import { cacheKey, readCache, writeCache } from '../cache.js';
import { UserError } from '../errors.js';
import { readObjects } from '../git/content.js';
import type { Git } from '../git/exec.js';
import { commitsAdding, commitsTouching } from '../git/history.js';
import type { Repo } from '../git/repo.js';
import { resolveRange } from '../git/target.js';
import type { ChangeTarget, CommitsTarget } from './change.js';

export type ResolvedTarget = { readonly kind: 'staged' } | CommitsTarget;

export interface Rules extends LoadedConfig {
  /** Where the configuration was read: 'HEAD', 'the index', 'commit <id>', or a file outside the repository. */
  readonly from: string;
  /**
   * The commit the rules were read from; null for the index (staged, before the first commit),
   * for none (the defaults of a range without one) or for a file outside the repository. Other
   * trusted files (e.g. a list of allowed signers) must be read from the same commit.
   */
  readonly rev: string | null;
  /** The repository path of the configuration file the rules come from (null: a file outside the repository). */
  readonly path: string | null;
  /** The text the rules were parsed from (null for the defaults). */
  readonly text: string | null;
  /** For the reader: where the rules came from when it is not the obvious place. */
  readonly notes: readonly string[];
}

/** A range spec resolved to its commits; the staged target and commit lists as they are. */
export async function resolveTarget(git: Git, target: ChangeTarget): Promise<ResolvedTarget> {
  if (target.kind === 'range') return { ...(await resolveRange(git, target.spec)), kind: 'commits' };
  return target;
}

/** The blob at `spec` (`<rev>:<path>`, or `:<path>` for the index), or null when there is none. */
export async function readBlobAt(git: Git, spec: string): Promise<Buffer | null> {
  // A missing path is an answer (`<spec> missing`), not an error.
  return (await readObjects(git, [spec]))[0] ?? null;
}

/**
 * The commits that adopted reviewgate in `head`'s history: they add the configuration file to a
 * history that never had it. A file removed and added again is not an adoption: the re-adding
 * commit is an ordinary change, judged like any other (otherwise the adoption rule could be
 * replayed to let any commit through unjudged). --full-history so a configuration that arrived
 * through a merged branch is found too.
 */
export async function adoptionCommits(git: Git, head: string, file: string = CONFIG_FILE): Promise<string[]> {
  const adders = await commitsAdding(git, head, file);
  const genuine: string[] = [];
  for (const adder of adders) {
    // Another commit touching the file among the adder's ancestors: the history already had it.
    if ((await commitsTouching(git, adder, file, 2)).length <= 1) genuine.push(adder);
  }
  return genuine;
}

/** True when staging `file` now would adopt reviewgate: HEAD's history never had it. */
export async function isAdoption(repo: Repo, file: string): Promise<boolean> {
  if (repo.head === null) return true;
  return (await commitsTouching(repo.git, repo.head, file, 1)).length === 0;
}

/** The commit whose configuration judges a range: its base, or the adoption the range itself brings. */
async function rulesCommit(git: Git, target: CommitsTarget, file: string): Promise<string | null> {
  const base = target.rulesBase !== undefined ? target.rulesBase : target.base;
  if (base !== null && (await readBlobAt(git, `${base}:${file}`)) !== null) return base;
  // The base had no configuration: if the range adopts reviewgate, the commits after the adoption
  // are judged by the rules it adopted (the commits up to it are not judged at all).
  const adopters = await adoptionCommits(git, target.head, file);
  const inRange = new Set(target.commits.map((c) => c.id));
  const adopted = adopters.filter((a) => inRange.has(a));
  return adopted.at(-1) ?? base;
}

/**
 * Loads the rules for a target. `configPath` (absolute) names another file: inside the repository
 * it is read from the same place as the default one; outside it, from disk, and a note says the
 * rules are not the ones already there (a hook or CI job must never be given such a path).
 */
export async function loadRules(repo: Repo, target: ResolvedTarget, configPath?: string): Promise<Rules> {
  let file = CONFIG_FILE;
  if (configPath !== undefined) {
    const inside = relative(repo.root, configPath);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
      const loaded = await loadConfig(repo.root, configPath, repo.cacheDir);
      const text = await readFile(configPath, 'utf8');
      return {
        ...loaded,
        rev: null,
        from: configPath,
        path: null,
        text,
        notes: [`the rules come from ${configPath}, outside the repository: not the rules already there (hooks and CI read them from git)`],
      };
    }
    file = inside.split(sep).join('/');
  }

  let rev: string | null;
  let from: string;
  if (target.kind === 'staged') {
    rev = repo.head;
    from = repo.head === null ? 'the index' : 'HEAD';
  } else {
    rev = await rulesCommit(repo.git, target, file);
    from = rev === null ? 'nowhere' : `commit ${rev.slice(0, 12)}`;
  }
  const blob = rev === null && target.kind !== 'staged' ? null : await configAt(repo, rev, file);
  const notes: string[] = [];
  if (blob === null) {
    if (configPath !== undefined) {
      throw new UserError(`configuration file ${file} is not in ${from}`, `commit ${file} first (the rules are read from git, never from the work tree)`);
    }
    if (target.kind === 'staged') await noteWorkTreeConfig(repo, file, null, notes);
    return { ...(await defaultRules(repo.cacheDir)), rev, from, path: file, text: null, notes };
  }
  const shown = rev === null || target.kind === 'staged' ? file : `${file} (at ${rev.slice(0, 12)})`;
  const text = utf8OrThrow(blob, shown);
  let loaded: LoadedConfig;
  try {
    loaded = await parseConfigText(text, shown, repo.cacheDir);
  } catch (error) {
    // HEAD's file is broken (committed past the hook): the commit that fixes it is judged by the
    // defaults, every gate required, rather than by nothing or not at all.
    const staged = target.kind === 'staged' && repo.head !== null ? await readBlobAt(repo.git, `:${file}`) : null;
    if (!(error instanceof ConfigFileError) || staged === null || staged.equals(blob)) throw error;
    notes.push(`${file} in HEAD is invalid; this change edits it and is judged by the defaults`);
    return { ...(await defaultRules(repo.cacheDir)), defaulted: false, rev, from, path: file, text: null, notes };
  }
  if (target.kind === 'staged') await noteWorkTreeConfig(repo, file, text, notes);
  return { ...loaded, file, rev, from, path: file, text, notes };
}

/**
 * The configuration file's bytes at a commit (null: the index), or null when it has none. A
 * commit never changes, so what it holds is cached by its id: a repeated `check` on the same
 * HEAD spawns no git process for it.
 */
async function configAt(repo: Repo, rev: string | null, file: string): Promise<Buffer | null> {
  if (rev === null || !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(rev)) return readBlobAt(repo.git, `${rev ?? ''}:${file}`);
  const name = `rules-${cacheKey(rev, file)}.json`;
  const hit = readCache<{ text: string | null }>(repo.cacheDir, name);
  if (hit && (typeof hit.text === 'string' || hit.text === null)) return hit.text === null ? null : Buffer.from(hit.text, 'utf8');
  const blob = await readBlobAt(repo.git, `${rev}:${file}`);
  writeCache(repo.cacheDir, name, { text: blob === null ? null : blob.toString('utf8') });
  return blob;
}

/** Says so when the work tree's configuration is not the one in force (a common surprise). */
async function noteWorkTreeConfig(repo: Repo, file: string, judged: string | null, notes: string[]): Promise<void> {
  let text: string | null;
  try {
    text = await readFile(`${repo.root}/${file}`, 'utf8');
  } catch {
    text = null;
  }
  if (text === judged || (text === null && judged === null)) return;
  const source = repo.head === null ? 'the index' : 'HEAD';
  notes.push(`${file} in the work tree differs from ${source}'s: the rules in force are ${source}'s (a change to them applies once it is committed)`);
}
