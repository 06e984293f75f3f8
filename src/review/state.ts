// The walker's state machine: which unit is on screen, what was answered, and where the pager
// is. Pure: (state, action) → state, so every key's effect is unit-tested without a terminal.
import type { ReviewItem } from '../diff/model.js';
import type { MoveInfo } from './moves.js';
import { splitItem } from './split.js';

export interface Unit {
  /** Stable within one walk: the item's position, plus `.n` for each split part. */
  readonly id: string;
  readonly item: ReviewItem;
  readonly commit?: string;
  /** Set when the unit is a block moved verbatim, confirmed with one key (moves.ts). */
  readonly move?: MoveInfo;
}

export interface WalkState {
  readonly units: readonly Unit[];
  readonly index: number;
  /** The first hunk line on screen (pager position). */
  readonly scroll: number;
  /** Every key reviewed so far: earlier evidence plus this walk's answers. */
  readonly reviewed: ReadonlySet<string>;
  /** Units answered `y` in this walk, in the order answered. */
  readonly accepted: readonly string[];
  /** Units answered `n` in this walk. */
  readonly later: ReadonlySet<string>;
  /** Units flagged "come back": neither reviewed nor a concern; the walk ends without them. */
  readonly flagged: ReadonlySet<string>;
  /** Hide-reviewed (the default): j/k skip units with nothing owed. */
  readonly hideReviewed: boolean;
  readonly finished: boolean;
}

export type Action =
  | { readonly type: 'accept' }
  | { readonly type: 'later' }
  | { readonly type: 'move'; readonly by: 1 | -1 }
  | { readonly type: 'goto'; readonly index: number }
  | { readonly type: 'split' }
  | { readonly type: 'flag' }
  | { readonly type: 'toggle-reviewed' }
  | { readonly type: 'scroll'; readonly by: number; readonly page: number };

export function initialState(items: readonly { item: ReviewItem; commit?: string; move?: MoveInfo }[], reviewed: ReadonlySet<string>, flagged: ReadonlySet<string> = new Set()): WalkState {
  const units = items.map(({ item, commit, move }, i) => ({ id: String(i), item, ...(commit ? { commit } : {}), ...(move ? { move } : {}) }));
  const state: WalkState = { units, index: 0, scroll: 0, reviewed, accepted: [], later: new Set(), flagged, hideReviewed: true, finished: units.length === 0 };
  return isOwed(state, 0) && !flagged.has('0') ? state : advance({ ...state, index: units.length - 1 });
}

/** Keys of the unit still owed. */
function owedKeys(state: WalkState, index: number): string[] {
  const unit = state.units[index];
  return unit ? unit.item.keys.filter((k) => !state.reviewed.has(k)) : [];
}

function isOwed(state: WalkState, index: number): boolean {
  const unit = state.units[index];
  return unit !== undefined && !state.later.has(unit.id) && owedKeys(state, index).length > 0;
}

/**
 * Moves to the next owed unit after the current one, wrapping once; units flagged "come back"
 * come after every other owed unit. Finished when none is left.
 */
function advance(state: WalkState): WalkState {
  const n = state.units.length;
  for (const flagged of [false, true]) {
    for (let step = 1; step <= n; step++) {
      const i = (state.index + step) % n;
      const unit = state.units[i];
      if (unit && state.flagged.has(unit.id) === flagged && isOwed(state, i)) return { ...state, index: i, scroll: 0 };
    }
  }
  return { ...state, finished: true };
}

/** Changed lines still owed across the walk (non-line items count none). */
export function linesLeft(state: WalkState): number {
  let n = 0;
  for (const u of state.units) if (u.item.kind === 'lines') for (const l of u.item.lines) if (!state.reviewed.has(l.key)) n++;
  return n;
}

export function reduce(state: WalkState, action: Action): WalkState {
  const unit = state.units[state.index];
  if (!unit || state.finished) return state;
  switch (action.type) {
    case 'accept': {
      const reviewed = new Set(state.reviewed);
      for (const k of unit.item.keys) reviewed.add(k);
      return advance({ ...state, reviewed, accepted: [...state.accepted, unit.id] });
    }
    case 'later':
      return advance({ ...state, later: new Set([...state.later, unit.id]) });
    case 'move': {
      let index = state.index + action.by;
      // Hide-reviewed: step over units with nothing owed.
      while (state.hideReviewed && index >= 0 && index < state.units.length && owedKeys(state, index).length === 0) index += action.by;
      if (index < 0 || index >= state.units.length) return state;
      return { ...state, index, scroll: 0 };
    }
    case 'flag': {
      const flagged = new Set(state.flagged);
      if (flagged.has(unit.id)) {
        flagged.delete(unit.id);
        return { ...state, flagged };
      }
      flagged.add(unit.id);
      return advance({ ...state, flagged });
    }
    case 'toggle-reviewed':
      return { ...state, hideReviewed: !state.hideReviewed };
    case 'goto':
      return action.index >= 0 && action.index < state.units.length ? { ...state, index: action.index, scroll: 0 } : state;
    case 'split': {
      const parts = splitItem(unit.item);
      if (parts.length <= 1) return state;
      const units = [
        ...state.units.slice(0, state.index),
        ...parts.map((item, n) => ({ ...unit, id: `${unit.id}.${n + 1}`, item })),
        ...state.units.slice(state.index + 1),
      ];
      const next = { ...state, units, scroll: 0 };
      // The first part may already be reviewed (an edit elsewhere in the hunk made it owed).
      return isOwed(next, state.index) ? next : advance(next);
    }
    case 'scroll': {
      const total = unit.item.hunk?.lines.length ?? 0;
      const max = Math.max(0, total - action.page);
      return { ...state, scroll: Math.min(max, Math.max(0, state.scroll + action.by)) };
    }
  }
}
