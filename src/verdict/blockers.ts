// What a check read that the verdict key does not cover (key.ts). The coverage report in the work
// tree, or signing keys with validity dates (a verdict that changes with the clock), make the
// verdict uncacheable; the author's email (review.rules with distinct_from_author) is kept with
// the entry and compared on reuse.
let reasons: string[] = [];
let author: string | null | undefined;

export function notCacheable(reason: string): void {
  reasons.push(reason);
}

/** The staged check judged who authors the commit: this email (null: git knows none). */
export function usedAuthor(email: string | null): void {
  author = email;
}

/** Why the verdict of the check now running may not be cached (empty: it may). */
export function cacheBlockers(): readonly string[] {
  return reasons;
}

/** The author email the verdict depends on, or undefined when it depends on none. */
export function authorUsed(): string | null | undefined {
  return author;
}

export function resetCacheBlockers(): void {
  reasons = [];
  author = undefined;
}
