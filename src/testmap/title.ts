// What a test file declares, as the tests gate sees it: one title per test the runner would run.
// Shared by the per-language readers (titles.ts for JS/TS, python.ts, go.ts).

export interface TestTitle {
  readonly file: string;
  readonly line: number;
  /** The full title as the runner shows it: `price > rounds half up` (vitest, jest, mocha, node),
   *  `TestCart::test_total[3]` (pytest), `TestTotal/rounds_half_up` (go test). */
  readonly title: string;
  /** Enclosing suites first, the test's own title last. */
  readonly parts: readonly string[];
  /** The test will not run: skip/todo, an x-prefixed function, a skip decorator, a top-level
   *  t.Skip, or inside a skipped suite. Found, so the report can say so, but never counted. */
  readonly skipped: boolean;
  /** A todo (`it.todo`): skipped, and the report says it is only planned. */
  readonly todo?: boolean;
  /** The title contains a placeholder (WILDCARD) whose text is only known at run time. */
  readonly hasWildcard: boolean;
}

/** Stands for a `${…}` placeholder, a printf/`$name` placeholder in `.each`, or a computed title. */
export const WILDCARD = '${…}';

export function makeTitle(file: string, line: number, parts: readonly string[], skipped: boolean, separator: string, todo = false): TestTitle {
  const t: TestTitle = { file, line, title: parts.join(separator), parts: [...parts], skipped, hasWildcard: parts.some((p) => p.includes(WILDCARD)) };
  return todo ? { ...t, todo: true } : t;
}
