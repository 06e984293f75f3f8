// One file's content at a given commit, for the trust files read from the base of what is judged
// (the allowed-signers file): `git cat-file blob <commit>:<path>`.
import type { Git } from './exec.js';

/** The file's text at `commit`, or null when the commit is null or has no such file. */
export async function readFileAt(git: Git, commit: string | null, path: string): Promise<string | null> {
  if (commit === null) return null;
  const r = await git.run(['cat-file', 'blob', `${commit}:${path}`], { okCodes: [128] });
  return r.code === 0 ? r.stdout.toString('utf8') : null;
}
