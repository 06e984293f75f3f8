// One file's content at a given commit: the trust files read from the base of what is judged
// (the allowed-signers file), and the committed evidence file a producer appends to.
import type { Git } from './exec.js';

/** The file's text at `commit`, or null when the commit is null or has no such file. */
export async function readFileAt(git: Git, commit: string | null, path: string): Promise<string | null> {
  if (commit === null) return null;
  const r = await git.run(['cat-file', 'blob', `${commit}:${path}`], { okCodes: [128] });
  return r.code === 0 ? r.stdout.toString('utf8') : null;
}

/** `git cat-file -p <commit>:<path>` as text; '' when the commit has no such file (exit 128). */
export async function printedFileAt(git: Git, commit: string, path: string): Promise<string> {
  return (await git.run(['cat-file', '-p', `${commit}:${path}`], { okCodes: [128] })).stdout.toString('utf8');
}
