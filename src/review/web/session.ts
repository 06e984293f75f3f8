// The review page's session: the same units, answers and evidence as the terminal walker, with
// each answer turned into records the moment it is given (the page can be closed at any time).
// Active time is the walker's ActiveClock, driven by the page's events (a unit shown, a key,
// scrolling, the tab losing or regaining focus). Pure: it returns records; server.ts writes them.
import type { DiffLine, Hunk, ReviewItem } from '../../diff/model.js';
import type { EvidenceRecord, Person, ReviewRecord } from '../../evidence/types.js';
import { commentsOn, firstOpenConcern } from '../comments.js';
import type { WalkItem } from '../moves.js';
import { acceptedItems, reviewRecord } from '../outcome.js';
import { progressOf } from '../progress.js';
import type { Unit } from '../state.js';
import { ActiveClock } from '../timing.js';

/**
 * Changed lines above which one file is not drawn on the page: the browser's diff2html drawing
 * and highlighting took about 0.25 s per 1,000 changed lines on the reference machine (README),
 * so a file over this budget would freeze the page for seconds. Such a file is listed with its
 * progress and a note to review it in the terminal walker; it is never silently left out.
 */
const WEB_FILE_BUDGET = 3_000;

export interface SessionInput {
  readonly items: readonly WalkItem[];
  /** The change's items before moved blocks were taken out: what the diff shows. */
  readonly shown: readonly { item: ReviewItem; commit?: string }[];
  /** Keys already reviewed (earlier evidence that counts). */
  readonly reviewed: ReadonlySet<string>;
  readonly records: readonly EvidenceRecord[];
  readonly details: (unit: Unit) => string[];
  readonly flagged: ReadonlySet<string>;
  readonly by: Person;
  readonly tool: string;
  readonly newId: () => string;
  readonly now?: () => number;
  readonly plan: { path: string; text: string } | null;
}

export type Answer =
  | { readonly kind: 'y' | 'n' | 'f'; readonly unit: string }
  | { readonly kind: 'c' | '!' | 'r'; readonly unit: string; readonly text: string };

export interface AnswerResult {
  readonly records: EvidenceRecord[];
  readonly message: string;
}

export class ReviewSession {
  readonly units: readonly Unit[];
  readonly clock: ActiveClock;
  readonly reviewed: Set<string>;
  readonly flagged: Set<string>;
  private readonly byId: Map<string, Unit>;
  private readonly records: EvidenceRecord[];
  private recordedMs = 0;
  /** Hunks of each file as git showed them (moved blocks are units of their own, not hunks). */
  private readonly hunks = new Map<string, { item: ReviewItem; hunks: Hunk[] }>();

  constructor(private readonly input: SessionInput) {
    this.units = input.items.map((it, i) => ({ id: String(i), item: it.item, ...(it.commit ? { commit: it.commit } : {}), ...(it.move ? { move: it.move } : {}) }));
    this.byId = new Map(this.units.map((u) => [u.id, u]));
    this.clock = new ActiveClock(input.now ?? Date.now);
    this.reviewed = new Set(input.reviewed);
    this.flagged = new Set(input.flagged);
    this.records = [...input.records];
    for (const u of input.shown) {
      const fileKey = this.fileKey(u);
      const entry = this.hunks.get(fileKey) ?? { item: u.item, hunks: [] };
      if (u.item.hunk && !entry.hunks.includes(u.item.hunk)) entry.hunks.push(u.item.hunk);
      this.hunks.set(fileKey, entry);
    }
  }

  /** Files are keyed by path and commit (range mode reviews commit by commit). */
  fileKey(u: { item: ReviewItem; commit?: string }): string {
    return u.commit ? `${u.commit.slice(0, 12)}:${u.item.path}` : u.item.path;
  }

  /** What the page needs to draw the tree, the items and the progress (no line content). */
  overview() {
    const progress = progressOf(this.units, this.reviewed);
    const files = new Map<string, { key: string; path: string; commit: string | null; units: string[]; changed: number }>();
    for (const u of this.units) {
      const key = this.fileKey(u);
      const f = files.get(key) ?? { key, path: u.item.path, commit: u.commit ?? null, units: [], changed: 0 };
      f.units.push(u.id);
      f.changed += u.item.lines.length;
      files.set(key, f);
    }
    return {
      progress: progress.overall,
      files: [...files.values()].map((f) => {
        const owned = f.units.map((id) => this.byId.get(id) as Unit);
        const lines = owned.flatMap((u) => u.item.lines);
        return { ...f, done: lines.filter((l) => this.reviewed.has(l.key)).length, total: lines.length, tooBig: f.changed > WEB_FILE_BUDGET };
      }),
      units: this.units.map((u) => ({
        id: u.id,
        file: this.fileKey(u),
        kind: u.item.kind,
        summary: u.item.summary,
        header: u.item.file.status,
        owed: u.item.keys.filter((k) => !this.reviewed.has(k)).length,
        keys: u.item.keys.length,
        lines: u.item.lines.length,
        flagged: this.flagged.has(u.id),
        move: u.move ?? null,
        details: u.item.kind === 'lines' ? [] : this.input.details(u),
        comments: commentsOn(u.item.keys, this.records),
      })),
      plan: this.input.plan,
      // Hook for the AI advisor: advisory flags to show beside the units they name. Nothing fills
      // it yet; whatever does must stay advisory (DESIGN.md principle 1).
      advisor: [] as { unit: string; text: string }[],
      activeMs: this.clock.totalMs,
    };
  }

  /** One file as a unified diff for the page's renderer, and each changed line's key and unit. */
  file(fileKey: string): { tooBig: true; changed: number; budget: number } | { tooBig: false; diff: string; lines: Record<string, [key: string, unit: string, done: 0 | 1]> } {
    const entry = this.hunks.get(fileKey);
    const lines: Record<string, [string, string, 0 | 1]> = {};
    let changed = 0;
    for (const u of this.units) {
      for (const l of u.item.lines) {
        // A moved block's removed lines sit in the file it moved from.
        const path = u.move && l.side === '-' ? u.move.from : u.item.path;
        if (this.fileKey({ item: { ...u.item, path }, ...(u.commit ? { commit: u.commit } : {}) }) !== fileKey) continue;
        lines[`${l.side}${l.line}`] = [l.key, u.id, this.reviewed.has(l.key) ? 1 : 0];
        changed++;
      }
    }
    if (changed > WEB_FILE_BUDGET) return { tooBig: true, changed, budget: WEB_FILE_BUDGET };
    return { tooBig: false, diff: entry ? unifiedDiff(entry.item, entry.hunks) : '', lines };
  }

  /** A page event: a unit shown, a key, scrolling (activity), or focus lost/regained. */
  event(type: 'view' | 'activity' | 'blur' | 'focus', unit?: string): void {
    if (type === 'blur') return this.clock.pause();
    if (type === 'focus') return this.clock.resume();
    this.clock.tick(type === 'view' && unit !== undefined && this.byId.has(unit) ? unit : undefined);
  }

  answer(a: Answer): AnswerResult {
    const unit = this.byId.get(a.unit);
    if (!unit) return { records: [], message: 'no such item' };
    this.clock.tick(unit.id);
    const base = () => ({ v: 1 as const, id: this.input.newId(), at: new Date().toISOString(), by: this.input.by, tool: this.input.tool });
    switch (a.kind) {
      case 'y': {
        const accepted = acceptedItems([unit], [unit.id], this.reviewed, (id) => this.clock.spentOn(id));
        const durationMs = this.clock.totalMs - this.recordedMs;
        const review: ReviewRecord | null = reviewRecord({ ...base(), mode: 'web', durationMs }, accepted);
        if (!review) return { records: [], message: 'already reviewed' };
        this.recordedMs = this.clock.totalMs;
        for (const k of unit.item.keys) this.reviewed.add(k);
        this.flagged.delete(unit.id);
        return this.keep([review], unit.move ? `confirmed as a move from ${unit.move.from}:${unit.move.fromLine}` : 'reviewed');
      }
      case 'n':
        return { records: [], message: 'left for later' };
      case 'f':
        if (this.flagged.has(unit.id)) this.flagged.delete(unit.id);
        else this.flagged.add(unit.id);
        return { records: [], message: this.flagged.has(unit.id) ? 'flagged: come back to it' : 'flag removed' };
      case 'c':
      case '!': {
        const text = a.text.trim();
        if (!text) return { records: [], message: `an empty ${a.kind === 'c' ? 'note' : 'concern'} is not recorded` };
        const first = unit.item.lines[0]?.line ?? null;
        return this.keep([{ ...base(), type: a.kind === 'c' ? 'note' : 'concern', keys: [...unit.item.keys], path: unit.item.path, line: first, text }], a.kind === 'c' ? 'note recorded' : 'concern recorded: it blocks the review gate until resolved');
      }
      case 'r': {
        const text = a.text.trim();
        const open = firstOpenConcern(unit.item.keys, this.records);
        if (!open) return { records: [], message: 'no open concern on this item' };
        if (!text) return { records: [], message: 'an empty resolution is not recorded' };
        return this.keep([{ ...base(), type: 'resolve', concern: open.id, text }], 'concern resolved');
      }
    }
  }

  /** Keys of flagged units still owed (kept for the next session). */
  flaggedKeys(): string[] {
    return [...this.flagged].flatMap((id) => this.byId.get(id)?.item.keys.filter((k) => !this.reviewed.has(k)) ?? []);
  }

  private keep(records: EvidenceRecord[], message: string): AnswerResult {
    this.records.push(...records);
    return { records, message };
  }
}

/** The unified diff text of some hunks of one file (git's format, which diff2html reads). */
function unifiedDiff(item: ReviewItem, hunks: readonly Hunk[]): string {
  const f = item.file;
  const oldPath = f.oldPath ?? f.path;
  const out = [`diff --git a/${oldPath} b/${f.path}`, `--- ${f.oldPath === null ? '/dev/null' : `a/${oldPath}`}`, `+++ ${f.newPath === null ? '/dev/null' : `b/${f.path}`}`];
  for (const h of hunks) {
    out.push(`@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@`);
    for (const l of h.lines) out.push(...lineText(l));
  }
  return `${out.join('\n')}\n`;
}

function lineText(l: DiffLine): string[] {
  const text = `${l.side}${l.text}`;
  return l.noEol ? [text, '\\ No newline at end of file'] : [text];
}
