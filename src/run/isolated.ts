// `reviewgate run --isolated`: a temporary checkout of exactly the judged tree.
//
// Why `git worktree add --detach` of a commit, also for the staged tree (through an unreferenced
// commit made with commit-tree from a temporary index), rather than a bare `checkout-index
// --prefix` copy: commands run in it often call git themselves (`npm ci` runs husky's prepare
// script, tests read `git rev-parse HEAD`, linters read .gitignore); in a plain copy git would
// find no repository, or the wrong one. A real worktree also gives a precise "did the command
// change tracked files" answer with `git diff`. The user's index is never written: the staged
// tree is built in a temporary index (GIT_INDEX_FILE), and the commit is referenced by nothing.
//
// Why under the system temp folder and not inside the git dir: a checkout below the repository
// would let Node's module resolution (and config lookups of eslint, tsc, vitest) walk up into
// the main work tree and find its node_modules, hiding exactly what isolation should reveal.
// Each worktree gets a marker `<git common dir>/reviewgate/runs/<name>.json` with the owner's
// pid, written before the worktree exists, so one left by a killed run is found and removed.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, unlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { Git } from '../git/exec.js';
import { commitTree, treeOfEntries } from '../git/index-entries.js';
import { addDetachedWorktree, removeWorktree } from '../git/worktree.js';
import type { TreeEntry } from '../git/reader.js';
import { isAlive } from '../evidence/lock.js';

const WORKTREE_PREFIX = 'reviewgate-run-';

export interface IsolatedTree {
  readonly dir: string;
  readonly git: Git;
  remove(): Promise<void>;
}

interface Marker {
  readonly pid: number;
  readonly host: string;
  readonly dir: string;
  readonly at: string;
}

const markerDir = (commonDir: string) => join(commonDir, 'reviewgate', 'runs');

/** A commit holding exactly `entries` (the staged tree), parented on HEAD; referenced by nothing. */
export async function commitForEntries(git: Git, entries: readonly TreeEntry[], head: string | null, gitDir: string): Promise<string> {
  const tree = await treeOfEntries(git, entries.map((e) => ({ ...e, stage: '0' })), gitDir);
  return commitTree(git, tree, head, 'reviewgate run --isolated: the staged tree');
}

/** Checks out `commit` into a fresh temporary worktree, and links `link` folders from `root`. */
export async function createIsolatedTree(
  git: Git,
  commonDir: string,
  root: string,
  commit: string,
  link: readonly string[],
): Promise<IsolatedTree> {
  const name = `${WORKTREE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(tmpdir(), name);
  const marker = join(markerDir(commonDir), `${name}.json`);
  await mkdir(dirname(marker), { recursive: true });
  const content: Marker = { pid: process.pid, host: hostname(), dir, at: new Date().toISOString() };
  await writeFile(marker, JSON.stringify(content));
  const remove = async () => {
    await removeWorktree(git, commonDir, dir);
    await unlink(marker).catch(() => undefined);
  };
  try {
    await addDetachedWorktree(git, dir, commit);
    for (const path of link) await linkFolder(root, dir, path);
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, git: new Git(dir), remove };
}

async function linkFolder(root: string, dir: string, path: string): Promise<void> {
  const from = resolve(root, path);
  const to = resolve(dir, path);
  if (!from.startsWith(`${root}/`) || !to.startsWith(`${dir}/`)) {
    throw new UserError(`run.isolated.link: "${path}" is outside the repository`, 'list folders inside the repository, e.g. node_modules');
  }
  if (!existsSync(from)) return; // nothing to link yet (e.g. before the first npm install)
  if (existsSync(to)) {
    throw new UserError(
      `run.isolated.link: "${path}" is part of the checked-out tree, so linking it would replace tracked content`,
      `remove "${path}" from run.isolated.link`,
    );
  }
  await mkdir(dirname(to), { recursive: true });
  await symlink(from, to, 'junction');
}


/**
 * Removes the worktrees of runs that died without cleaning up (SIGKILL, a crash, a power cut):
 * a marker whose process is gone on this host. Returns the folders removed.
 */
export async function removeStaleTrees(git: Git, commonDir: string): Promise<string[]> {
  const folder = markerDir(commonDir);
  const removed: string[] = [];
  for (const file of await readdir(folder).catch(() => [] as string[])) {
    if (!file.startsWith(WORKTREE_PREFIX) || !file.endsWith('.json')) continue;
    let marker: Partial<Marker>;
    try {
      marker = JSON.parse(await readFile(join(folder, file), 'utf8')) as Partial<Marker>;
    } catch {
      marker = {}; // unreadable: written by a run killed mid-write, so its owner is gone
    }
    if (marker.host !== undefined && marker.host !== hostname()) continue;
    if (typeof marker.pid === 'number' && isAlive(marker.pid)) continue;
    const dir = typeof marker.dir === 'string' ? marker.dir : join(tmpdir(), file.replace(/\.json$/, ''));
    await removeWorktree(git, commonDir, dir);
    await unlink(join(folder, file)).catch(() => undefined);
    removed.push(dir);
  }
  return removed;
}
