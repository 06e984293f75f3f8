// How fast a review was read: changed lines per active hour. Terminal and web reviews measure
// active time; piped answers have no pace (no one's reading time is measured), and a review faster than review.max_lines_per_hour draws a
// finding naming it. Pure.
import type { ReviewRecord } from '../evidence/types.js';

export interface PaceSettings {
  readonly pace: 'warn' | 'fail' | 'off';
  readonly max_lines_per_hour: number;
  readonly require_interactive: boolean;
}

/** Lines per active hour; null for piped reviews and reviews of no lines. */
export function paceOf(r: ReviewRecord): number | null {
  if (r.mode === 'piped' || r.lines === 0) return null;
  // Zero active time for some lines is infinitely fast, not "unknown".
  return r.durationMs <= 0 ? Infinity : r.lines / (r.durationMs / 3_600_000);
}

export function tooFast(r: ReviewRecord, settings: PaceSettings): boolean {
  const pace = paceOf(r);
  return settings.pace !== 'off' && pace !== null && pace > settings.max_lines_per_hour;
}

/** Whether this review's keys count towards the gate under these settings. */
export function counts(r: ReviewRecord, settings: PaceSettings | undefined): boolean {
  if (!settings) return true;
  if (settings.require_interactive && r.mode === 'piped') return false;
  if (settings.pace === 'fail' && tooFast(r, settings)) return false;
  return true;
}

export function describePace(r: ReviewRecord): string {
  const pace = paceOf(r);
  const minutes = (r.durationMs / 60_000).toFixed(1);
  const rate = pace === null ? 'no pace' : pace === Infinity ? 'no measurable time' : `${Math.round(pace)} lines/hour`;
  return `review ${r.id} by ${r.by.name || r.by.email} at ${r.at}: ${r.lines} lines in ${minutes} min (${rate})`;
}
