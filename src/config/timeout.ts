// run.timeout's limits, apart from the schema so that format.ts can word them without loading zod.

/** The longest run.timeout: Node's timers wait at most 2^31-1 ms (24.8 days); longer fires at once. */
export const MAX_TIMEOUT_SECONDS = 24 * 24 * 3600;
export const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/;
const UNIT_S: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** Why a run.timeout value is wrong, or null when it is right. */
export function timeoutProblem(value: unknown): string | null {
  let seconds: number;
  if (typeof value === 'number') seconds = value;
  else if (typeof value === 'string') {
    const m = DURATION.exec(value.trim());
    if (!m) return `expected seconds or a duration such as "90s", "15m", "1h", "500ms", got ${JSON.stringify(value)}`;
    seconds = Number(m[1]) * (UNIT_S[m[2] ?? 's'] ?? 1);
  } else return 'expected seconds or a duration such as "90s", "15m", "1h"';
  if (Number.isNaN(seconds)) return 'is not a number';
  if (!Number.isFinite(seconds)) return 'is infinite; write null for no limit';
  if (seconds <= 0) return 'must be more than 0 seconds; write null for no limit';
  if (seconds > MAX_TIMEOUT_SECONDS) return `is ${String(value)}, longer than the longest limit, 24 days (${MAX_TIMEOUT_SECONDS} seconds: Node's timers cannot wait longer); write null for no limit`;
  return null;
}
