import { describe, expect, it } from 'vitest';
import { OutputTail } from '../../src/run/tail.js';

describe('the output tail kept for a run record', () => {
  it('keeps the last 50 lines, in order, across chunk boundaries', () => {
    const tail = new OutputTail(50);
    const text = Array.from({ length: 120 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    for (let i = 0; i < text.length; i += 7) tail.push(text.slice(i, i + 7));
    const lines = tail.lines();
    expect(lines).toHaveLength(50);
    expect(lines[0]).toBe('line 71');
    expect(lines.at(-1)).toBe('line 120');
  });

  it('includes an unterminated last line', () => {
    const tail = new OutputTail(3);
    tail.push('a\nb\nc');
    expect(tail.lines()).toEqual(['a', 'b', 'c']);
  });

  it('stays small when a command prints megabytes without a newline', () => {
    const tail = new OutputTail(50);
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 64; i++) tail.push(chunk); // 4 MiB on one line
    tail.push('\nend\n');
    const lines = tail.lines();
    expect(lines).toHaveLength(2);
    expect(lines[0]?.length).toBeLessThanOrEqual(501);
    expect(lines[0]?.endsWith('…')).toBe(true);
    expect(lines[1]).toBe('end');
  });

  it('drops terminal escapes and keeps what a redrawn progress line said last', () => {
    const tail = new OutputTail(5);
    tail.push('\x1b[32m✓ ok\x1b[0m\n10%\r50%\r100%\r\n');
    expect(tail.lines()).toEqual(['✓ ok', '100%']);
  });

  it('masks secrets, also those given as environment values', () => {
    const tail = new OutputTail(5, ['s3cr3t-value']);
    tail.push('token=abc ghp_1234567890abcdefghijABCDEFGHIJ s3cr3t-value\n');
    expect(tail.lines()).toEqual(['token=*** *** ***']);
  });

  it('can give fewer lines for the live view', () => {
    const tail = new OutputTail(50);
    tail.push('1\n2\n3\n4\n');
    expect(tail.lines(2)).toEqual(['3', '4']);
  });
});
