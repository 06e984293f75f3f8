import { describe, expect, it } from 'vitest';
import { extractTitles, WILDCARD, type TestTitle } from '../../src/testmap/titles.js';
import { UserError } from '../../src/errors.js';

const W = WILDCARD;

async function titles(path: string, content: string): Promise<[string, number, boolean][]> {
  return (await extractTitles(path, content)).map((t: TestTitle) => [t.title, t.line, t.skipped]);
}

describe('extractTitles for JavaScript and TypeScript', () => {
  it('joins nested titles and keeps lines and parts', async () => {
    const src = `import { describe, it } from 'vitest';
describe('price', () => {
  describe("rounding", () => {
    it('rounds half up for negative prices (#3)', () => {});
  });
  test(\`keeps currency\`, async () => {});
});
`;
    const out = await extractTitles('test/price.test.ts', src);
    expect(out).toEqual([
      { file: 'test/price.test.ts', line: 4, title: 'price > rounding > rounds half up for negative prices (#3)', parts: ['price', 'rounding', 'rounds half up for negative prices (#3)'], skipped: false, hasWildcard: false },
      { file: 'test/price.test.ts', line: 6, title: 'price > keeps currency', parts: ['price', 'keeps currency'], skipped: false, hasWildcard: false },
    ]);
  });

  it.each([
    // [case, source, expected [title, line, skipped]]
    ['it.only', `it.only('a', () => {})`, [['a', 1, false]]],
    ['it.skip', `it.skip('a', () => {})`, [['a', 1, true]]],
    ['it.todo', `it.todo('a')`, [['a', 1, true]]],
    ['xit', `xit('a', () => {})`, [['a', 1, true]]],
    ['fit', `fit('a', () => {})`, [['a', 1, false]]],
    ['test.concurrent', `test.concurrent('a', async () => {})`, [['a', 1, false]]],
    ['test.concurrent.skip', `test.concurrent.skip('a', async () => {})`, [['a', 1, true]]],
    ['inside describe.skip', `describe.skip('s', () => { it('a', () => {}) })`, [['s > a', 1, true]]],
    ['inside xdescribe', `xdescribe('s', () => {\n it('a', () => {}) })`, [['s > a', 2, true]]],
    ['inside context and suite', `suite('s', () => { context('c', () => { specify('a', () => {}) }) })`, [['s > c > a', 1, false]]],
    ['it.each with printf', `it.each([[1, 2]])('adds %i + %i', (a, b) => {})`, [[`adds ${W} + ${W}`, 1, false]]],
    ['it.each with $name and %%', `it.each([{a: 1}])('gives $a.b at 5%%', () => {})`, [[`gives ${W} at 5%`, 1, false]]],
    ['describe.each table', 'describe.each`\n a | b\n ${1} | ${2}\n`(\'row $a\', ({a}) => { it(\'works\', () => {}) })', [[`row ${W} > works`, 4, false]]],
    ['it.skip.each', `it.skip.each([1])('a %s', () => {})`, [[`a ${W}`, 1, true]]],
    ['test.skipIf (conditional, still counts)', `test.skipIf(isWin)('a', () => {})`, [['a', 1, false]]],
    ['template placeholders', 'it(`rounds ${mode} for ${"x"}`, () => {})', [[`rounds ${W} for ${W}`, 1, false]]],
    ['string concatenation', `it('a ' + 'b', () => {})`, [['a b', 1, false]]],
    ['computed title', `for (const c of cases) it(c.name, () => {})`, [[W, 1, false]]],
    ['describe without tests', `describe('s', () => {})`, []],
    ['look-alikes', `foo.it('a'); obj.test('b'); it['skip']('c', () => {}); expect.it('d')`, []],
    ['describe.each table alone is not a title', `describe.each([1])`, []],
    ['test.each tagged-template table', 'test.each`\n a | b | sum\n ${1} | ${2} | ${3}\n`(\'adds $a + $b = $sum\', () => {})', [[`adds ${W} + ${W} = ${W}`, 1, false]]],
    ['describe.each array', `describe.each([['eur'], ['usd']])('in %s', (c) => { it('rounds', () => {}) })`, [[`in ${W} > rounds`, 1, false]]],
    ['it.concurrent.each', `it.concurrent.each([1, 2])('rounds %d', async () => {})`, [[`rounds ${W}`, 1, false]]],
    ['test.skip.each', `test.skip.each([1])('rounds %d', () => {})`, [[`rounds ${W}`, 1, true]]],
    ['test.only.each', `test.only.each([1])('rounds %d', () => {})`, [[`rounds ${W}`, 1, false]]],
    ['test.for (vitest)', `test.for([1])('rounds %d', () => {})`, [[`rounds ${W}`, 1, false]]],
    ['describe.todo', `describe.todo('later')`, []],
    ['tests inside hooks and loops', `describe('s', () => { for (const x of xs) { it('a', () => {}) } })`, [['s > a', 1, false]]],
    ['a forEach table', `[1, 2].forEach((n) => it('a', () => {}))`, [['a', 1, false]]],
    ['awaited (node:test)', `await test('a', async () => {})`, [['a', 1, false]]],
    ['dead code: if (false)', `if (false) { it('a works', () => {}) }`, []],
    ['dead code: any if', `if (process.env.X) it('a', () => {})`, []],
    ['dead code: && and ternary', `false && it('a', () => {}); x ? it('b', () => {}) : 0`, []],
    ['dead code: a function never called', `function never() { it('a', () => {}) }\nconst f = () => { it('b', () => {}) }`, []],
    ['dead code: a loop over nothing', `for (const c of []) it('a', () => {}); for (;false;) it('b', () => {}); [].forEach(() => it('c', () => {}))`, []],
    ['dead code inside a describe', `describe('s', () => { if (false) { it('a', () => {}) } })`, []],
    ['a test inside a test is not a title', `it('outer', () => { it('inner', () => {}) })`, [['outer', 1, false]]],
  ] as const)('%s', async (_case, src, expected) => {
    expect(await titles('a.test.ts', src)).toEqual(expected);
  });

  it('marks todo tests as todo (and skipped), other skips not', async () => {
    const out = await extractTitles('a.test.ts', `it.todo('a')\nit.skip('b', () => {})\ntest.concurrent.todo('c')`);
    expect(out.map((t) => [t.title, t.skipped, t.todo === true])).toEqual([['a', true, true], ['b', true, false], ['c', true, true]]);
  });

  it('marks titles with placeholders', async () => {
    const [t] = await extractTitles('a.test.js', 'it(`x ${y}`, () => {})');
    expect(t?.hasWildcard).toBe(true);
  });

  it('parses JSX in .tsx and .jsx, and TypeScript syntax in .ts', async () => {
    expect(await titles('a.test.tsx', `it('renders', () => { render(<Cart items={[] as Item[]} />) })`)).toEqual([['renders', 1, false]]);
    expect(await titles('a.test.jsx', `it('renders', () => { render(<Cart />) })`)).toEqual([['renders', 1, false]]);
    expect(await titles('a.test.ts', `it('casts', () => { const x = <number>y; })`)).toEqual([['casts', 1, false]]);
    expect(await titles('a.test.cjs', `const { it } = require('node:test');\nit('cjs', () => {})`)).toEqual([['cjs', 2, false]]);
  });

  it('recovers from small syntax errors', async () => {
    expect(await titles('a.test.ts', `it('a', () => { let x = 1; let x = 2; })\nit('b', () => {})`)).toEqual([['a', 1, false], ['b', 2, false]]);
  });

  it('names file:line when the file cannot be parsed at all', async () => {
    await expect(extractTitles('test/bad.test.ts', `it('a', () => {\n  const = ;`)).rejects.toThrow(UserError);
    await expect(extractTitles('test/bad.test.ts', `it('a', () => {\n  const = ;`)).rejects.toThrow(/test\/bad\.test\.ts:2:/);
  });

  it('returns nothing for files it does not know', async () => {
    expect(await extractTitles('test/a.rb', `it 'works' do end`)).toEqual([]);
  });
});
