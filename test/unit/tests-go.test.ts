import { describe, expect, it } from 'vitest';
import { extractTitles, WILDCARD } from '../../src/testmap/titles.js';

const W = WILDCARD;

async function titles(content: string): Promise<[string, number, boolean][]> {
  return (await extractTitles('cart/cart_test.go', `package cart\n\nimport "testing"\n\n${content}`)).map((t) => [t.title, t.line - 4, t.skipped]);
}

describe('extractTitles for Go', () => {
  it.each([
    // [case, source (line 1 = first line here), expected [title, line, skipped]]
    ['a test function', 'func TestTotal(t *testing.T) {\n}', [['TestTotal', 1, false]]],
    ['subtests joined with / and spaces as _', 'func TestTotal(t *testing.T) {\n\tt.Run("rounds half up", func(t *testing.T) {\n\t\tt.Run(`in euros`, func(t *testing.T) {})\n\t})\n}', [['TestTotal', 1, false], ['TestTotal/rounds_half_up', 2, false], ['TestTotal/rounds_half_up/in_euros', 3, false]]],
    ['table-driven names are placeholders', 'func TestTotal(t *testing.T) {\n\tfor _, tc := range cases {\n\t\tt.Run(tc.name, func(t *testing.T) {})\n\t}\n}', [['TestTotal', 1, false], [`TestTotal/${W}`, 3, false]]],
    ['a subtest run by a named function', 'func TestTotal(t *testing.T) {\n\tt.Run("empty", testEmpty)\n}', [['TestTotal', 1, false], ['TestTotal/empty', 2, false]]],
    ['any name for the *testing.T parameter', 'func TestTotal(tt *testing.T) {\n\ttt.Run("a", func(st *testing.T) {})\n}', [['TestTotal', 1, false], ['TestTotal/a', 2, false]]],
    ['t.Skip at the top skips the test and its subtests', 'func TestLater(t *testing.T) {\n\tt.Skip("later")\n\tt.Run("a", func(t *testing.T) {})\n}', [['TestLater', 1, true], ['TestLater/a', 3, true]]],
    ['t.Skip after t.Parallel still counts as at the top', 'func TestLater(t *testing.T) {\n\tt.Parallel()\n\tt.Skipf("later %d", 1)\n}', [['TestLater', 1, true]]],
    ['a skip in a subtest skips only it', 'func TestA(t *testing.T) {\n\tt.Run("a", func(t *testing.T) { t.SkipNow() })\n\tt.Run("b", func(t *testing.T) {})\n}', [['TestA', 1, false], ['TestA/a', 2, true], ['TestA/b', 3, false]]],
    ['a conditional skip still runs somewhere', 'func TestA(t *testing.T) {\n\tif testing.Short() {\n\t\tt.Skip()\n\t}\n}', [['TestA', 1, false]]],
    ['not tests: TestMain, lower-case, benchmarks, helpers', 'func TestMain(m *testing.M) {}\nfunc Testlower(t *testing.T) {}\nfunc BenchmarkX(b *testing.B) {}\nfunc helper(t *testing.T) { t.Run("x", nil) }', []],
    ['braces and Run in strings and comments do not count', 'func TestA(t *testing.T) {\n\ts := "}" // }\n\t/* t.Run("no", nil) } */\n\tt.Run("yes", func(t *testing.T) {})\n}\nfunc TestB(t *testing.T) {}', [['TestA', 1, false], ['TestA/yes', 4, false], ['TestB', 6, false]]],
    ['escapes in names', 'func TestA(t *testing.T) {\n\tt.Run("say \\"hi\\"", func(t *testing.T) {})\n}', [['TestA', 1, false], ['TestA/say_"hi"', 2, false]]],
  ] as const)('%s', async (_case, src, expected) => {
    expect(await titles(src)).toEqual(expected);
  });
});
