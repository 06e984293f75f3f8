import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/run/duration.js';

describe('run.timeout durations', () => {
  it.each([
    [null, null],
    [90, 90_000],
    [0.5, 500],
    ['90', 90_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['500ms', 500],
    ['1.5s', 1500],
    ['2 m', 120_000],
  ])('parses %j as %j ms', (value, ms) => expect(parseDuration(value)).toBe(ms));

  it('rejects a shape the schema would not allow', () => expect(() => parseDuration('soon')).toThrow(/invalid duration/));

  it.each([
    [500, '500ms'],
    [3200, '3.2s'],
    [5000, '5s'],
    [90_000, '90s'],
    [90_030, '90s'],
    [900_000, '15m'],
    [150_000, '2m 30s'], [119_000, '119s'],
    [3_600_000, '1h'],
    [5_400_000, '1h 30m'],
  ])('formats %d ms as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
