// The default branch: where each change needs its own plan (see change/plan-cover.ts).
// It is the branch origin/HEAD points at; without one, `main` and `master`.
import type { Git } from './exec.js';

export interface DefaultBranch {
  /** Short names that count as the default branch. */
  readonly names: readonly string[];
  /** The default branch as published (origin/HEAD, origin/main or origin/master), when fetched. */
  readonly publishedTip: string | null;
  /** The local default branches' tips, by short name. */
  readonly localTips: ReadonlyMap<string, string>;
}

const REFS = ['refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'refs/remotes/origin/master', 'refs/heads/main', 'refs/heads/master'];

/**
 * Parses `git for-each-ref --format='%(refname) %(objectname) %(symref)'` (ref names cannot hold
 * spaces; %(symref) is empty for a ref that is not symbolic).
 */
export function parseDefaultRefs(text: string): DefaultBranch {
  const refs = new Map<string, { oid: string; symref: string }>();
  for (const line of text.split('\n')) {
    const [name, oid, symref] = line.split(' ');
    if (name && oid) refs.set(name, { oid, symref: symref ?? '' });
  }
  const head = refs.get('refs/remotes/origin/HEAD');
  const named = head?.symref.startsWith('refs/remotes/origin/') ? head.symref.slice('refs/remotes/origin/'.length) : null;
  const names = named ? [named] : ['main', 'master'];
  const publishedTip = head?.oid ?? names.map((n) => refs.get(`refs/remotes/origin/${n}`)?.oid).find(Boolean) ?? null;
  const localTips = new Map<string, string>();
  for (const n of ['main', 'master']) {
    const oid = refs.get(`refs/heads/${n}`)?.oid;
    if (oid && names.includes(n)) localTips.set(n, oid);
  }
  return { names, publishedTip, localTips };
}

export async function readDefaultBranch(git: Git): Promise<DefaultBranch> {
  const text = await git.text(['for-each-ref', '--format=%(refname) %(objectname) %(symref)', ...REFS]);
  const found = parseDefaultRefs(text);
  if (found.names.length === 1 && found.names[0] !== 'main' && found.names[0] !== 'master') {
    // origin/HEAD names another branch (e.g. develop): its local tip too.
    const name = found.names[0] as string;
    const oid = await git.text(['rev-parse', '-q', '--verify', `refs/heads/${name}`], { okCodes: [1] });
    if (oid) return { ...found, localTips: new Map([[name, oid]]) };
  }
  return found;
}

/** The commit whose history counts as the default branch's, seen from `branch` (null: none). */
export function defaultExclusion(info: DefaultBranch, branch: string | null): string | null {
  if (info.publishedTip) return info.publishedTip;
  for (const [name, oid] of info.localTips) if (name !== branch) return oid;
  return null;
}
