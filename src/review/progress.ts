// Progress through a review: changed lines reviewed out of all changed lines, overall and per
// file (a key counts once, however many units show it), for the walker's status line and the
// web page's file tree. Pure.
import type { ReviewItem } from '../diff/model.js';

interface Count {
  readonly done: number;
  readonly total: number;
}

export interface Progress {
  readonly overall: Count;
  readonly files: ReadonlyMap<string, Count>;
}

export function progressOf(items: readonly { item: ReviewItem }[], reviewed: ReadonlySet<string>): Progress {
  const seen = new Set<string>();
  const files = new Map<string, { done: number; total: number }>();
  let done = 0;
  let total = 0;
  for (const { item } of items) {
    const file = files.get(item.path) ?? { done: 0, total: 0 };
    files.set(item.path, file);
    for (const l of item.lines) {
      if (seen.has(l.key)) continue;
      seen.add(l.key);
      const ok = reviewed.has(l.key) ? 1 : 0;
      file.total++;
      file.done += ok;
      total++;
      done += ok;
    }
  }
  return { overall: { done, total }, files };
}

/** "lines reviewed 12/40 · this file 3/8" */
export function progressLabel(p: Progress, path: string): string {
  const f = p.files.get(path);
  const file = f && f.total !== p.overall.total ? ` · this file ${f.done}/${f.total}` : '';
  return `lines reviewed ${p.overall.done}/${p.overall.total}${file}`;
}
