// run.timeout values: a number of seconds, or a string such as "90s", "15m", "1h", "500ms" (the
// config schema has already checked the shape). A bare number in a string is seconds too.

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
/** setTimeout's longest wait; a longer delay fires after 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds for a run.timeout value; null means no limit. */
export function parseDuration(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  // The schema allows at most 24 days; the clamp keeps a timer from overflowing to 1 ms anyway.
  if (typeof value === 'number') return Math.min(MAX_TIMER_MS, Math.round(value * 1000));
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value.trim());
  if (!match) throw new Error(`invalid duration "${value}"`);
  return Math.min(MAX_TIMER_MS, Math.round(Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS]));
}

/**
 * A short human duration: "500ms", "3.2s", "90s", "15m", "1h", "1m 30s". Whole seconds from 10 s
 * on, so a command killed at its 90 s limit (and gone a few ms later) reads "90s".
 */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1).replace(/\.0$/, '')}s`;
  const total = Math.round(ms / 1000);
  // Below two minutes in seconds: a limit of "90s" reads back as 90s, not 1m 30s.
  if (total < 120) return `${total}s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return s > 0 ? `${m}m ${s}s` : `${m}m`;
}
