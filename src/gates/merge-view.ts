// A merge commit is judged on its remerge diff: what the person changed beyond git's automatic
// merge. When it was committed, though, the pre-commit hook judged the staged merge against HEAD —
// the merge's first-parent diff, a superset of what landed on the branch — and reviews were
// recorded on that. So that pre-push and CI pass what pre-commit passed, a merge whose whole
// first-parent diff was reviewed counts as reviewed; otherwise its remerge diff is judged.
import type { JudgedItem } from './review.js';
import { unreviewedKeys } from './review.js';

export function mergeItems(items: readonly JudgedItem[], firstParent: ReadonlyMap<string, readonly JudgedItem[]> | undefined, reviewed: ReadonlySet<string>): JudgedItem[] {
  if (!firstParent || firstParent.size === 0) return [...items];
  const whole = new Set<string>();
  for (const [commit, alt] of firstParent) {
    if (alt.every((j) => unreviewedKeys(j.item, reviewed).length === 0)) whole.add(commit);
  }
  if (whole.size === 0) return [...items];
  const out = items.filter((j) => !j.commit || !whole.has(j.commit));
  for (const commit of whole) out.push(...(firstParent.get(commit) ?? []));
  return out;
}
