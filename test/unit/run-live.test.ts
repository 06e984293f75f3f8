import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { plainStyle } from '../../src/report/style.js';
import type { ProcessResult } from '../../src/run/process.js';
import { fit, renderBlock } from '../../src/run/live.js';
import { OutputTail } from '../../src/run/tail.js';
import { describeOutcome } from '../../src/run/view.js';

const result = (over: Partial<ProcessResult>): ProcessResult => ({
  exitCode: 0, signal: null, timedOut: false, interrupted: false, startedAt: 0, durationMs: 3200, ...over,
});

describe('the live view', () => {
  it('shows one line per command with spinner, elapsed time and state, and the last output lines of a running one', () => {
    const tail = new OutputTail(50);
    tail.push('one\ntwo\nthree\nfour\n');
    const lines = renderBlock(
      [
        { command: 'npm run lint', startedAt: 0, done: '✓ npm run lint (1.2s)' },
        { command: 'npm test', startedAt: 1000, tail },
      ],
      4200,
      0,
      80,
      plainStyle,
    );
    expect(lines).toEqual(['✓ npm run lint (1.2s)', '⠋ npm test 3.2s · running', '    two', '    three', '    four']);
  });

  it('shows fewer output lines per command when several run at once', () => {
    const tail = new OutputTail(50);
    tail.push('a\nb\nc\n');
    const lines = renderBlock([{ command: 'x', startedAt: 0, tail }, { command: 'y', startedAt: 0, tail }], 0, 1, 80, plainStyle);
    expect(lines).toEqual(['⠙ x 0ms · running', '    b', '    c', '⠙ y 0ms · running', '    b', '    c']);
  });

  it('cuts lines to the terminal width so redraws count lines right', () => {
    expect(fit('x'.repeat(200), 40)).toBe(`${'x'.repeat(38)}…`);
    expect(fit('\x1b[31mshort\x1b[39m', 40)).toBe('\x1b[31mshort\x1b[39m');
    expect([...stripVTControlCharacters(fit(`\x1b[31m${'é'.repeat(100)}\x1b[39m`, 30))]).toHaveLength(29);
  });
});

describe('the verdict line of a command', () => {
  const o = (over: Partial<ProcessResult>, changed: string[] = []) => ({ command: 'npm test', result: result(over), output: [], changed });
  it.each([
    ['passed', o({}), '✓ npm test (3.2s)'],
    ['failed', o({ exitCode: 2 }), '✗ npm test failed with exit 2 (3.2s)'],
    ['not found', o({ exitCode: 127 }), '✗ npm test: command not found (exit 127, 3.2s)'],
    ['killed', o({ exitCode: null, signal: 'SIGSEGV' }), '✗ npm test killed by SIGSEGV (3.2s)'],
    ['timed out', o({ exitCode: null, signal: 'SIGTERM', timedOut: true, durationMs: 90_020 }), '✗ npm test timed out after 90s; stopped it and its child processes'],
    ['void', o({}, ['src/a.ts']), '✗ npm test changed files while running (src/a.ts): the run is void'],
    ['interrupted', o({ exitCode: null, signal: 'SIGTERM', interrupted: true }), '■ npm test stopped (Ctrl-C) after 3.2s; not recorded'],
  ])('%s', (_name, outcome, line) => expect(describeOutcome(outcome, 90_000, plainStyle)).toBe(line));
});
