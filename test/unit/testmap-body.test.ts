// The body of a test from its title's line (what `tests --audit` shows the advisor).
import { describe, expect, it } from 'vitest';
import { testBody } from '../../src/testmap/body.js';

describe('testBody', () => {
  it('follows brackets from the title line to where they close', () => {
    const src = "describe('cart', () => {\n  it('sums', () => {\n    expect(sum([1, 2])).toBe(3);\n  });\n  it('next', () => {});\n});\n";
    expect(testBody(src, 2, 'cart.test.ts')).toEqual({ start: 2, end: 4, lines: ["  it('sums', () => {", '    expect(sum([1, 2])).toBe(3);', '  });'] });
  });
  it('takes the indented block under a Python test function', () => {
    const src = 'def test_sum():\n    assert sum([1, 2]) == 3\n\n    assert sum([]) == 0\n\ndef test_next():\n    pass\n';
    expect(testBody(src, 1, 'test_cart.py').lines).toEqual(['def test_sum():', '    assert sum([1, 2]) == 3', '', '    assert sum([]) == 0']);
  });
  it('stops at the limit', () => {
    const src = `it('long', () => {\n${'  x();\n'.repeat(200)}});\n`;
    expect(testBody(src, 1, 'a.test.ts', 10).lines).toHaveLength(10);
  });
});
