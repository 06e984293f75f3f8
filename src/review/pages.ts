// Which rows of each hunk have been on screen, and for how long. A hunk can be accepted only once
// every row of it has been shown (a `y` on the first page of a 360-line hunk is not a review of
// the other 340 lines), and the record keeps the active time each stretch was on screen. Pure:
// the walker reports what it drew and how much active time passed.
import type { PageShown } from '../evidence/types.js';

interface UnitPages {
  readonly seen: Uint8Array;
  /** Active ms per stretch shown, keyed "from-to" (0-based, end exclusive), in first-shown order. */
  readonly views: Map<string, number>;
}

export class PageLog {
  private readonly units = new Map<string, UnitPages>();
  private current: { unit: string; view: string } | null = null;

  /** Rows [from, to) of a unit of `total` hunk rows are on screen now (0, 0 for a change without rows). */
  show(unit: string, total: number, from: number, to: number): void {
    let u = this.units.get(unit);
    if (!u) {
      u = { seen: new Uint8Array(total), views: new Map() };
      this.units.set(unit, u);
    }
    u.seen.fill(1, Math.max(0, from), Math.min(u.seen.length, to));
    const view = `${from}-${to}`;
    if (!u.views.has(view)) u.views.set(view, 0);
    this.current = { unit, view };
  }

  /** Nothing of a hunk is on screen (help, the file list). */
  hide(): void {
    this.current = null;
  }

  /** Active time that passed while the current stretch was on screen. */
  charge(ms: number): void {
    if (!this.current || ms <= 0) return;
    const views = this.units.get(this.current.unit)?.views;
    if (views) views.set(this.current.view, (views.get(this.current.view) ?? 0) + ms);
  }

  /**
   * The first stretch of the unit never shown (1-based, inclusive), or null once every row was
   * on screen. A unit never drawn at all is unseen even when it has no rows.
   */
  unseen(unit: string): { from: number; to: number } | null {
    const u = this.units.get(unit);
    if (!u) return { from: 1, to: 1 };
    const start = u.seen.indexOf(0);
    if (start === -1) return null;
    let end = start;
    while (end < u.seen.length && u.seen[end] === 0) end++;
    return { from: start + 1, to: end };
  }

  /** The stretches shown and their active time, for the record; empty for a change without rows. */
  pages(unit: string): PageShown[] {
    const u = this.units.get(unit);
    if (!u || u.seen.length === 0) return [];
    return [...u.views].map(([view, ms]) => {
      const [from, to] = view.split('-').map(Number) as [number, number];
      return { from: from + 1, to, ms: Math.round(ms) };
    });
  }
}
