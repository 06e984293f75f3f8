// Inputs a check can read that the verdict key does not cover (key.ts): the coverage report in
// the work tree, signing keys with validity dates (a verdict that changes with the clock). Where
// a check reads one, it says so here and its verdict is not cached.
let reasons: string[] = [];

export function notCacheable(reason: string): void {
  reasons.push(reason);
}

/** Why the verdict of the check now running may not be cached (empty: it may). */
export function cacheBlockers(): readonly string[] {
  return reasons;
}

export function resetCacheBlockers(): void {
  reasons = [];
}
