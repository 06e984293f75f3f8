// What is being judged: the staged change, or a range of commits.
import { UserError } from '../errors.js';
import type { Git } from './exec.js';

/** `amend`: the staged change replaces HEAD (`git commit --amend`), so it is judged against HEAD's parent. */
export type TargetSpec = { readonly kind: 'staged'; readonly amend?: boolean } | { readonly kind: 'range'; readonly spec: string };

export interface RangeCommit {
  readonly id: string;
  /** Parent ids; empty for a root commit. */
  readonly parents: readonly string[];
}

export interface RangeTarget {
  readonly kind: 'range';
  /** The spec as the user wrote it, for messages and fix commands. */
  readonly spec: string;
  /** The commit the range starts after (the merge base for `A...B`). */
  readonly base: string;
  readonly head: string;
  /** Commits reachable from head and not from base, oldest first. */
  readonly commits: readonly RangeCommit[];
}

/** Splits `A..B` / `A...B`; anything else is a usage error. */
export function parseRangeSpec(spec: string): { from: string; to: string; symmetric: boolean } {
  const match = /^(.+?)(\.\.\.?)(.+)$/.exec(spec);
  if (!match || !match[1] || !match[3]) {
    throw new UserError(`invalid range "${spec}": expected <A>..<B> or <A>...<B>`, 'e.g. reviewgate check --range origin/main..HEAD');
  }
  return { from: match[1], to: match[3], symmetric: match[2] === '...' };
}

/**
 * The commit a revision names (a tag is peeled to its commit), or null when there is none here.
 * Exit 128 also means "no such object" for a full id this clone does not have.
 */
export async function commitId(git: Git, rev: string): Promise<string | null> {
  return (await git.text(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`], { okCodes: [1, 128] })) || null;
}

async function resolveCommit(git: Git, rev: string): Promise<string> {
  const id = await commitId(git, rev);
  if (!id) {
    // The name is pasted into a command only when it is a plain ref name or an object id: a
    // revision such as `--output=x` or `x;rm -rf ~` must never become a suggested shell command.
    const name = rev.replace(/^origin\//, '');
    const plain = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(name) && !name.includes('..') && !name.endsWith('.lock') && !name.endsWith('/');
    throw new UserError(
      `unknown revision ${JSON.stringify(rev)}: it is not a commit in this repository${plain ? ' (a shallow clone or a missing fetch?)' : ', and not a valid branch or tag name'}`,
      plain ? `git fetch origin ${name}  (or: git fetch --unshallow)` : 'check the revision: a branch, a tag or a commit id (git log --oneline lists commits)',
    );
  }
  return id;
}

/** Parses `git rev-list --parents`: one line per commit, `<id> [<parent>...]`. */
export function parseRevListParents(text: string): RangeCommit[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, ...parents] = line.split(' ');
      return { id: id as string, parents };
    });
}

export async function resolveRange(git: Git, spec: string): Promise<RangeTarget> {
  const { from, to, symmetric } = parseRangeSpec(spec);
  // Both are asked at once; when both are unknown the first is named, every time (not whichever
  // git answered first).
  const [fromId, toId] = await Promise.allSettled([resolveCommit(git, from), resolveCommit(git, to)]);
  if (fromId.status === 'rejected') throw fromId.reason;
  if (toId.status === 'rejected') throw toId.reason;
  const [a, head] = [fromId.value, toId.value];
  let base = a;
  if (symmetric) {
    base = await git.text(['merge-base', a, head], { okCodes: [1] });
    if (!base) throw new UserError(`"${from}" and "${to}" have no common ancestor`, `use ${from}..${to} instead`);
  }
  const list = await git.text(['rev-list', '--reverse', '--topo-order', '--parents', `${base}..${head}`]);
  return { kind: 'range', spec, base, head, commits: parseRevListParents(list) };
}
