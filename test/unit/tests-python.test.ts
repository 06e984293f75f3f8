import { describe, expect, it } from 'vitest';
import { extractTitles, WILDCARD } from '../../src/testmap/titles.js';
import { logicalLines } from '../../src/testmap/python.js';

const W = WILDCARD;

async function titles(content: string): Promise<[string, number, boolean][]> {
  return (await extractTitles('tests/test_cart.py', content)).map((t) => [t.title, t.line, t.skipped]);
}

describe('logicalLines', () => {
  it('joins bracketed and backslashed lines, drops comments, keeps strings and the first line', () => {
    const src = 'a = f(1,  # one\n      2)\nb = 1 + \\\n  2\ns = """x\n# not a comment\n"""\n  c = "#"\n';
    expect(logicalLines(src)).toEqual([
      { line: 1, indent: 0, text: 'a = f(1,   2)' },
      { line: 3, indent: 0, text: 'b = 1 +    2' },
      { line: 5, indent: 0, text: 's = """x\n# not a comment\n"""' },
      { line: 8, indent: 2, text: 'c = "#"' },
    ]);
  });
});

describe('extractTitles for Python', () => {
  it.each([
    // [case, source, expected [title, line, skipped]]
    ['module test functions', 'def test_total():\n    pass\nasync def test_async():\n    pass\ndef helper():\n    pass', [['test_total', 1, false], ['test_async', 3, false]]],
    ['Test classes and nesting', 'class TestCart:\n    def test_total(self):\n        pass\n    class TestEmpty:\n        def test_zero(self):\n            pass\n    def helper(self):\n        def test_inner():\n            pass', [['TestCart::test_total', 2, false], ['TestCart::TestEmpty::test_zero', 5, false]]],
    ['classes pytest does not collect', 'class Helper:\n    def test_not(self):\n        pass\n    class TestInside:\n        def test_not_either(self):\n            pass', []],
    ['unittest.TestCase methods, any class name', 'import unittest\nclass CartCase(unittest.TestCase):\n    def test_total(self):\n        pass\n    def testPlain(self):\n        pass\n    def setUp(self):\n        pass', [['CartCase::test_total', 3, false], ['CartCase::testPlain', 5, false]]],
    ['a def after a class is at module level again', 'class TestA:\n    def test_a(self):\n        pass\n\ndef test_b():\n    pass', [['TestA::test_a', 2, false], ['test_b', 5, false]]],
    ['skip decorators', '@pytest.mark.skip(reason="later")\ndef test_a():\n    pass\n@pytest.mark.skipif(sys.platform == "win32", reason="posix")\ndef test_b():\n    pass\n@unittest.skip("x")\ndef test_c():\n    pass\n@pytest.mark.slow\ndef test_d():\n    pass', [['test_a', 2, true], ['test_b', 5, true], ['test_c', 8, true], ['test_d', 11, false]]],
    ['a decorator across lines with comments', '@pytest.mark.skipif(\n    sys.platform == "win32",  # ) not the end\n    reason="posix only",\n)\ndef test_posix():\n    pass', [['test_posix', 5, true]]],
    ['skipped class skips its methods', '@pytest.mark.skip\nclass TestLater:\n    def test_a(self):\n        pass', [['TestLater::test_a', 3, true]]],
    ['module pytestmark skip', 'import pytest\ndef test_a():\n    pass\npytestmark = pytest.mark.skip(reason="wip")', [['test_a', 2, true]]],
    ['pytest.skip as the first statement', 'def test_a():\n    """Docstring."""\n    pytest.skip("later")\ndef test_b():\n    x = 1\n    pytest.skip("conditional later")', [['test_a', 1, true], ['test_b', 4, false]]],
    ['self.skipTest first', 'class TestA:\n    def test_a(self):\n        self.skipTest("no")', [['TestA::test_a', 2, true]]],
    ['xfail(run=False) never runs', '@pytest.mark.xfail(run=False)\ndef test_a():\n    pass\n@pytest.mark.xfail\ndef test_b():\n    pass', [['test_a', 2, true], ['test_b', 5, false]]],
    ['a def inside a string is not a test', 's = """\ndef test_fake():\n    pass\n"""\ndef test_real():\n    pass', [['test_real', 5, false]]],
    ['def in a comment is not a test', '# def test_commented():\ndef test_real():\n    pass', [['test_real', 2, false]]],
  ] as const)('%s', async (_case, src, expected) => {
    expect(await titles(src)).toEqual(expected);
  });

  it.each([
    // [case, decorators, expected titles]
    ['single-argument values', '@pytest.mark.parametrize("value", [1, -2, 2.5, "abc", None, True])', ['test_x[1]', 'test_x[-2]', 'test_x[2.5]', 'test_x[abc]', 'test_x[None]', 'test_x[True]']],
    ['argnames as a list, tuples of values', '@pytest.mark.parametrize(["a", "b"], [(1, 2), (3, "x")])', ['test_x[1-2]', 'test_x[3-x]']],
    ['"a,b" argnames', '@pytest.mark.parametrize("a, b", [(1, 2)])', ['test_x[1-2]']],
    ['literal ids', '@pytest.mark.parametrize("a", [1, 2], ids=["one", "two"])', ['test_x[one]', 'test_x[two]']],
    ['pytest.param with id', '@pytest.mark.parametrize("a", [pytest.param(1, id="one"), 2])', ['test_x[one]', 'test_x[2]']],
    ['non-literal values use argname and index', '@pytest.mark.parametrize("a", [Money(1), 2])', ['test_x[a0]', 'test_x[2]']],
    ['values from a variable', '@pytest.mark.parametrize("a", CASES)', [`test_x[${W}]`]],
    ['ids from a function', '@pytest.mark.parametrize("a", [1], ids=str)', [`test_x[${W}]`]],
    ['stacked: the nearest decorator first', '@pytest.mark.parametrize("x", [0, 1])\n@pytest.mark.parametrize("y", [2, 3])', ['test_x[2-0]', 'test_x[3-0]', 'test_x[2-1]', 'test_x[3-1]']],
    ['parametrize over several lines', '@pytest.mark.parametrize(\n    "value",\n    [\n        "a",  # first\n        "b",\n    ],\n)', ['test_x[a]', 'test_x[b]']],
    ['string concatenation and escapes', '@pytest.mark.parametrize("v", ["half " "up", \'it\\\'s\'])', ['test_x[half up]', "test_x[it's]"]],
  ] as const)('parametrize: %s', async (_case, decorators, expected) => {
    const out = await extractTitles('tests/test_x.py', `${decorators}\ndef test_x(value):\n    pass\n`);
    expect(out.map((t) => t.title)).toEqual(expected);
  });

  it('marks a pytest.param with a skip mark as skipped, and applies class parametrize to methods', async () => {
    const src = '@pytest.mark.parametrize("cur", ["eur"])\nclass TestPrice:\n    @pytest.mark.parametrize("v", [1, pytest.param(2, marks=pytest.mark.skip)])\n    def test_round(self, cur, v):\n        pass\n';
    expect(await titles(src)).toEqual([['TestPrice::test_round[1-eur]', 4, false], ['TestPrice::test_round[2-eur]', 4, true]]);
  });
});
