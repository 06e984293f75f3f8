// How fast a review was read: changed lines per active hour, and whether a person was at the
// keys at all. Piped answers have no pace (no one's reading time is measured). Two limits:
// above review.max_lines_per_hour a finding (a warning, or with pace: fail an error); above
// review.max_lines_per_hour_fail, a speed no person reads at, the review (or the item) does not
// count whatever review.pace says, and neither does a review whose keys came from a program. Pure.
import type { KeyTiming, ReviewRecord } from '../evidence/types.js';

export interface PaceSettings {
  readonly pace: 'warn' | 'fail' | 'off';
  readonly max_lines_per_hour: number;
  /** Optional for older callers; DEFAULT_FAIL_LINES_PER_HOUR when absent. */
  readonly max_lines_per_hour_fail?: number;
  readonly require_interactive: boolean;
  /** Piped answers: refused (the default in the configuration), warned about, or counted. Absent: allow. */
  readonly piped?: InputPolicy;
  /** Records made from an AI coding agent's shell. Absent: allow. */
  readonly agent?: InputPolicy;
}

export type InputPolicy = 'refuse' | 'warn' | 'allow';

/** review.piped, with the older require_interactive: true meaning the same as refuse. */
export function pipedPolicy(s: PaceSettings): InputPolicy {
  return s.require_interactive ? 'refuse' : (s.piped ?? 'allow');
}

/**
 * The default physical limit, 6,000 lines an hour (100 a minute): four times the warning limit.
 * Silent reading of English prose averages about 240 words a minute (Brysbaert 2019, a
 * meta-analysis of 190 studies); at about 8 words a line of code, reading code as fast as prose
 * is under 2,000 lines an hour, and code inspection studies recommend 150-500 (Fagan 1976;
 * SmartBear/Cisco 2006). Nobody reads 6,000.
 */
export const DEFAULT_FAIL_LINES_PER_HOUR = 6000;

/**
 * Below this many lines a reading time is mostly reaction time (a two-line hunk glanced at for a
 * second is 7,200 lines an hour), so the fail limit judges only reviews and items at least this
 * large; a program answering many small hunks is caught by the review's total and by its keys.
 */
const PACE_MIN_LINES = 20;

/** Keys closer than this are faster than anyone types, and than keyboards auto-repeat (25-30 a second by default). */
export const KEY_BURST_MS = 12;

const failLimit = (s: PaceSettings) => s.max_lines_per_hour_fail ?? DEFAULT_FAIL_LINES_PER_HOUR;

/**
 * Lines per active hour; null for reviews of no lines. A piped review's time is how long its
 * answers took to arrive: `yes y` answers a thousand lines in no measurable time, and a review
 * that review.piped lets count still draws the pace finding.
 */
export function paceOf(r: ReviewRecord): number | null {
  if (r.lines === 0) return null;
  return linesPerHour(r.lines, r.durationMs);
}

export function linesPerHour(lines: number, ms: number): number {
  // Zero active time for some lines is infinitely fast, not "unknown".
  return ms <= 0 ? Infinity : lines / (ms / 3_600_000);
}

export function tooFast(r: ReviewRecord, settings: PaceSettings): boolean {
  const pace = paceOf(r);
  return settings.pace !== 'off' && pace !== null && pace > settings.max_lines_per_hour;
}

/** The whole review was read faster than any person reads. */
export function beyondReading(r: ReviewRecord, settings: PaceSettings): boolean {
  // Piped reviews are judged by review.piped: counted at all only where a team allowed them.
  if (r.mode === 'piped') return false;
  const pace = paceOf(r);
  return settings.pace !== 'off' && pace !== null && r.lines >= PACE_MIN_LINES && pace > failLimit(settings);
}

/** Indexes of the review's items read faster than any person reads. */
export function itemsBeyondReading(r: ReviewRecord, settings: PaceSettings): number[] {
  if (settings.pace === 'off' || r.mode === 'piped' || !r.items) return [];
  const out: number[] = [];
  r.items.forEach((item, i) => {
    if (item.lines >= PACE_MIN_LINES && linesPerHour(item.lines, item.activeMs) > failLimit(settings)) out.push(i);
  });
  return out;
}

/**
 * Why the keys of this terminal review did not come from a person, or null. A person's keys
 * arrive one at a time, each after the screen it answers was drawn; a program writing to the
 * terminal (a loop, `yes`) delivers them together or microseconds apart. A few such keys happen
 * to people too (a stalled machine, a pasted letter), so it takes five, and a tenth of all keys.
 */
export function notFromPerson(r: ReviewRecord): string | null {
  const t: KeyTiming | undefined = r.input;
  if (r.mode !== 'terminal' || !t || t.keys === 0) return null;
  const odd = t.ahead + t.burst;
  if (odd < 5 || odd * 10 < t.keys) return null;
  const parts: string[] = [];
  if (t.ahead > 0) parts.push(`${t.ahead} of ${t.keys} keys arrived before the screen they answered was drawn`);
  if (t.burst > 0) parts.push(`${t.burst} of ${t.keys} came less than ${KEY_BURST_MS} ms apart, faster than a keyboard types`);
  return parts.join('; ');
}

/** The keys of this review that count towards the gate under these settings. */
export function countedKeys(r: ReviewRecord, settings: PaceSettings | undefined): readonly string[] {
  if (!settings) return r.keys;
  if (r.mode === 'piped' && pipedPolicy(settings) === 'refuse') return [];
  if (r.agent !== undefined && (settings.agent ?? 'allow') === 'refuse') return [];
  if (settings.pace === 'fail' && tooFast(r, settings)) return [];
  if (settings.pace === 'off') return r.keys;
  if (beyondReading(r, settings) || notFromPerson(r) !== null) return [];
  const fast = itemsBeyondReading(r, settings);
  if (fast.length === 0) return r.keys;
  const byItem = keysByItem(r);
  if (byItem === null) return [];
  const dropped = new Set(fast.flatMap((i) => byItem[i] ?? []));
  return r.keys.filter((k) => !dropped.has(k));
}

/**
 * Each item's keys. Records keep the keys once, at the top, and give each item their count (`n`),
 * in order; older records repeat them per item. Null when the counts do not add up to the keys: the
 * record cannot say which keys were read fast, so the caller treats them all alike (fail closed).
 */
export function keysByItem(r: ReviewRecord): string[][] | null {
  if (!r.items) return null;
  if (r.items.every((it) => it.keys !== undefined)) return r.items.map((it) => it.keys ?? []);
  const out: string[][] = [];
  let at = 0;
  for (const it of r.items) {
    const n = it.keys?.length ?? it.n;
    if (n === undefined) return null;
    out.push(it.keys ?? r.keys.slice(at, at + n));
    at += n;
  }
  return at === r.keys.length ? out : null;
}
