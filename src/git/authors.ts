// Who authored what: the author of the commit being made, and of existing commits.
import type { Git } from './exec.js';

/** The e-mail in a git ident (`Name <email> <timestamp> <zone>`, `git var GIT_AUTHOR_IDENT`), or null. */
export function identEmail(ident: string): string | null {
  return /<([^>]*)>/.exec(ident)?.[1] ?? null;
}

/**
 * The author e-mail of the commit about to be made: `git var GIT_AUTHOR_IDENT` honours
 * GIT_AUTHOR_EMAIL and user.email as `git commit` does. Null when git has no ident (exit 128).
 */
export async function nextCommitAuthorEmail(git: Git): Promise<string | null> {
  return identEmail(await git.text(['var', 'GIT_AUTHOR_IDENT'], { okCodes: [128] }));
}

/** Parses `git show -s --format=%H %ae`: one `<id> SP <author email>` line per commit. */
export function parseAuthorEmails(text: string): Map<string, string> {
  const authors = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [id, email] = line.split(' ');
    if (id && email) authors.set(id, email);
  }
  return authors;
}

/** The author e-mail of each commit, by commit id. */
export async function authorEmails(git: Git, commits: readonly string[]): Promise<Map<string, string>> {
  if (commits.length === 0) return new Map();
  return parseAuthorEmails(await git.text(['show', '-s', '--format=%H %ae', ...commits]));
}
