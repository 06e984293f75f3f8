// Writing index entries directly (`update-index --index-info`), into the user's index or into a
// temporary one, and reading them back with their stage.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from './exec.js';
import { splitZPaths } from './paths.js';

export interface IndexEntry {
  readonly mode: string;
  readonly oid: string;
  readonly path: string;
  /** The merge stage ('0' for a resolved entry); left out, git takes 0. */
  readonly stage?: string;
}

/**
 * `update-index -z --index-info` input: `<mode> SP <oid> [SP <stage>] TAB <path> NUL` per entry
 * (git-update-index(1), "USING --INDEX-INFO").
 */
export function formatIndexInfo(entries: readonly IndexEntry[]): string {
  return entries.map((e) => `${e.mode} ${e.oid}${e.stage === undefined ? '' : ` ${e.stage}`}\t${e.path}\0`).join('');
}

/**
 * Parses `git ls-files -s -z`: `<mode> SP <oid> SP <stage> TAB <path> NUL`, every stage kept
 * (content.ts parseLsFilesStage separates the unmerged ones instead).
 */
export function parseIndexEntries(output: Buffer | string): Required<IndexEntry>[] {
  const entries: Required<IndexEntry>[] = [];
  for (const record of typeof output === 'string' ? output.split('\0') : splitZPaths(output)) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, oid, stage] = record.slice(0, tab).split(' ');
    if (!mode || !oid || stage === undefined) continue;
    entries.push({ mode, oid, stage, path: record.slice(tab + 1) });
  }
  return entries;
}

/** The entries of the index git points at under `dir` (paths from the repository root). */
export async function indexEntriesUnder(git: Git, dir: string): Promise<Required<IndexEntry>[]> {
  return parseIndexEntries((await git.run(['ls-files', '-s', '-z', '--full-name', '--', dir])).stdout);
}

/** Writes `entries` into the index git points at, replacing what it holds for their paths. */
export async function setIndexEntries(git: Git, entries: readonly IndexEntry[]): Promise<void> {
  await git.run(['update-index', '-z', '--index-info'], { input: formatIndexInfo(entries) });
}

/**
 * The tree holding exactly `entries`, built in a temporary index inside `gitDir` (GIT_INDEX_FILE),
 * so the user's index is never written. Returns the tree id.
 */
export async function treeOfEntries(git: Git, entries: readonly IndexEntry[], gitDir: string): Promise<string> {
  const index = join(gitDir, `reviewgate-index-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await git.run(['update-index', '-z', '--index-info'], { input: formatIndexInfo(entries), env: { GIT_INDEX_FILE: index } });
    return await git.text(['write-tree'], { env: { GIT_INDEX_FILE: index } });
  } finally {
    await rm(index, { force: true });
  }
}

/** A commit of `tree` with `parent` (none: a root commit), referenced by no ref. */
export async function commitTree(git: Git, tree: string, parent: string | null, message: string): Promise<string> {
  return git.text(['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message]);
}
