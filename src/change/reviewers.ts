// review.rules in `check` and `review`: who authored what is judged. In range mode each commit's
// author; in a staged check the author of the commit being made (`git var GIT_AUTHOR_IDENT`,
// which honours GIT_AUTHOR_EMAIL and user.email like `git commit` does).
import type { Config } from '../config/schema.js';
import type { EvidenceRecord } from '../evidence/types.js';
import { globMatcher } from '../glob.js';
import { reviewerFindings } from '../gates/reviewers.js';
import type { Finding } from '../gates/types.js';
import { authorEmails, nextCommitAuthorEmail } from '../git/authors.js';
import type { Git } from '../git/exec.js';
import type { Change } from './change.js';
import { usedAuthor } from '../verdict/blockers.js';

export async function authorsOf(git: Git, change: Pick<Change, 'kind' | 'commits'>): Promise<(commit: string | undefined) => string | null> {
  if (change.kind === 'staged') {
    const email = await nextCommitAuthorEmail(git);
    // The verdict cache keeps this beside the report (the key leaves the author out).
    usedAuthor(email);
    return () => email;
  }
  const authors = await authorEmails(git, change.commits);
  return (commit) => (commit ? (authors.get(commit) ?? null) : null);
}

export const matchesGlobs = (path: string, globs: readonly string[]) => globMatcher(globs)(path);

export async function reviewerRuleFindings(git: Git, config: Config, change: Change, records: readonly EvidenceRecord[], fix: string): Promise<Finding[]> {
  const rules = config.review.rules;
  const authorOf = rules.some((r) => r.distinct_from_author) ? await authorsOf(git, change) : () => null;
  return reviewerFindings({ items: change.items, records, settings: config.review, rules, matches: matchesGlobs, authorOf, verified: config.evidence.require_signatures, fix });
}
