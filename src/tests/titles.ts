// The test titles a test file declares, so the plan's test checklist can be matched against them.
// JavaScript and TypeScript are parsed with @babel/parser (imported only when a JS/TS test file
// is read: it is the heaviest module `check` can load). Python and Go get a line scan for now.
import { posix } from 'node:path';
import { UserError } from '../errors.js';

export interface TestTitle {
  readonly file: string;
  readonly line: number;
  /** The parts joined with ' > ', e.g. 'price > rounds half up'. */
  readonly title: string;
  /** Enclosing suites first, the test's own title last. */
  readonly parts: readonly string[];
  /** skip/todo, an x-prefixed function, or inside a skipped suite: it will not run. */
  readonly skipped: boolean;
  /** The title contains a placeholder (WILDCARD) whose text is only known at run time. */
  readonly hasWildcard: boolean;
}

/** Stands for a `${…}` placeholder, a printf/`$name` placeholder in `.each`, or a computed title. */
export const WILDCARD = '${…}';

const JS_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts']);

export async function extractTitles(path: string, content: string): Promise<TestTitle[]> {
  const ext = posix.extname(path);
  if (JS_EXTENSIONS.has(ext)) return extractJs(path, content, ext);
  if (ext === '.py') return extractPython(path, content);
  if (ext === '.go') return extractGo(path, content);
  return [];
}

function title(file: string, line: number, parts: string[], skipped: boolean): TestTitle {
  return { file, line, title: parts.join(' > '), parts, skipped, hasWildcard: parts.some((p) => p.includes(WILDCARD)) };
}

// ---- JavaScript / TypeScript --------------------------------------------------------------

/** The few AST fields we read; Babel's full node types come from a package we do not depend on. */
interface AstNode {
  readonly type: string;
  readonly loc?: { readonly start: { readonly line: number } } | null;
  readonly [key: string]: unknown;
}

const SUITES = new Set(['describe', 'suite', 'context', 'xdescribe', 'xcontext', 'fdescribe']);
const TESTS = new Set(['it', 'test', 'specify', 'xit', 'xtest', 'xspecify', 'fit']);
// `.each(table)(title, fn)`, `.for(...)` (vitest) and `.skipIf(cond)(title, fn)` take a second call.
const NEEDS_CALL = new Set(['each', 'for', 'skipIf', 'runIf']);
const MODIFIERS = new Set(['only', 'skip', 'todo', 'concurrent', 'sequential', 'fails', 'shuffle', ...NEEDS_CALL]);
const SKIPPING = new Set(['skip', 'todo']);

interface Chain {
  readonly base: string;
  readonly mods: readonly string[];
  /** True while a `.each`-like modifier still waits for its second call. */
  readonly needsCall: boolean;
}

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

function chainOf(callee: unknown): Chain | null {
  if (!isNode(callee)) return null;
  switch (callee.type) {
    case 'Identifier': {
      const name = callee.name as string;
      return SUITES.has(name) || TESTS.has(name) ? { base: name, mods: [], needsCall: false } : null;
    }
    case 'MemberExpression': {
      const prop = callee.property;
      if (callee.computed || !isNode(prop) || prop.type !== 'Identifier' || !MODIFIERS.has(prop.name as string)) return null;
      const inner = chainOf(callee.object);
      return inner && !inner.needsCall ? { ...inner, mods: [...inner.mods, prop.name as string], needsCall: NEEDS_CALL.has(prop.name as string) } : null;
    }
    case 'CallExpression': {
      const inner = chainOf(callee.callee);
      return inner?.needsCall ? { ...inner, needsCall: false } : null;
    }
    case 'TaggedTemplateExpression': {
      const inner = chainOf(callee.tag);
      return inner?.needsCall ? { ...inner, needsCall: false } : null;
    }
    default:
      return null;
  }
}

/** The title's text; anything computed becomes WILDCARD, which matches any words. */
function titleText(arg: unknown, each: boolean): string {
  if (!isNode(arg)) return WILDCARD;
  if (arg.type === 'StringLiteral') return each ? eachPlaceholders(arg.value as string) : (arg.value as string);
  if (arg.type === 'TemplateLiteral') {
    const quasis = arg.quasis as { value: { cooked?: string | null; raw: string } }[];
    const text = quasis.map((q) => q.value.cooked ?? q.value.raw).join(WILDCARD);
    return each ? eachPlaceholders(text) : text;
  }
  if (arg.type === 'BinaryExpression' && arg.operator === '+') return titleText(arg.left, each) + titleText(arg.right, each);
  return WILDCARD;
}

// jest/vitest `.each` format titles with printf placeholders (%s, %i, …, %# the index) and with
// `$name` / `$a.b` for object rows; `%%` is a literal percent sign.
function eachPlaceholders(text: string): string {
  return text.replace(/%%|%[sdifjoOp#$]|\$[A-Za-z_][\w.]*/g, (m) => (m === '%%' ? '%' : WILDCARD));
}

const SKIP_KEYS = new Set(['loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'errors', 'tokens', 'comments']);

function extractJs(file: string, content: string, ext: string): Promise<TestTitle[]> {
  // A split bundle exposes a dynamically imported CommonJS package only as `default`.
  type Babel = typeof import('@babel/parser');
  return import('@babel/parser').then((mod: Babel & { default?: Babel }) => {
    const { parse } = mod.default ?? mod;
    const plugins: ('typescript' | 'jsx')[] = ext === '.ts' || ext === '.mts' || ext === '.cts' ? ['typescript'] : ['typescript', 'jsx'];
    let ast: unknown;
    try {
      ast = parse(content, {
        sourceType: ext === '.cjs' || ext === '.cts' ? 'script' : 'module',
        plugins,
        errorRecovery: true,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
      });
    } catch (error) {
      // errorRecovery keeps going past most mistakes; what is left means the file does not run either.
      const loc = (error as { loc?: { line: number; column: number } }).loc;
      const where = loc ? `${file}:${loc.line}:${loc.column + 1}` : file;
      throw new UserError(`cannot read the test titles of ${where}: ${(error as Error).message}`, `fix the syntax error in ${where}`, { cause: error });
    }
    const out: TestTitle[] = [];
    walk(ast, { parts: [], skipped: false }, file, out);
    return out;
  });
}

function walk(node: unknown, ctx: { parts: string[]; skipped: boolean }, file: string, out: TestTitle[]): void {
  if (Array.isArray(node)) {
    for (const n of node) walk(n, ctx, file, out);
    return;
  }
  if (!isNode(node)) return;
  if (node.type === 'CallExpression') {
    const chain = chainOf(node.callee);
    if (chain && !chain.needsCall) {
      const args = node.arguments as unknown[];
      const each = chain.mods.some((m) => m === 'each' || m === 'for');
      const parts = [...ctx.parts, titleText(args[0], each)];
      const skipped = ctx.skipped || chain.base.startsWith('x') || chain.mods.some((m) => SKIPPING.has(m));
      if (TESTS.has(chain.base)) out.push(title(file, node.loc?.start.line ?? 0, parts, skipped));
      // The callee may hold an `.each` table; the remaining arguments hold the body.
      walk(node.callee, ctx, file, out);
      walk(args.slice(1), { parts, skipped }, file, out);
      return;
    }
  }
  for (const [key, value] of Object.entries(node)) {
    if (!SKIP_KEYS.has(key) && typeof value === 'object' && value !== null) walk(value, ctx, file, out);
  }
}

// ---- Python and Go: line scans ------------------------------------------------------------
// A deliberate first step: these read one line at a time and miss what a parser would see
// (parametrised ids, decorators spread over lines, subtests named by variables). A later issue
// replaces them with real parsers; until then a miss shows as a missing test, never a false pass.

function extractPython(file: string, content: string): TestTitle[] {
  const out: TestTitle[] = [];
  const classes: { name: string; indent: number; isTest: boolean; skipped: boolean }[] = [];
  let skipNext = false;
  for (const [i, line] of content.split(/\r?\n/).entries()) {
    const code = line.replace(/\s+$/, '');
    if (code.trim() === '' || code.trim().startsWith('#')) continue;
    const indent = /^\s*/.exec(code)?.[0].length ?? 0;
    while (classes.length > 0 && (classes.at(-1)?.indent ?? 0) >= indent) classes.pop();
    const trimmed = code.trim();
    if (trimmed.startsWith('@')) {
      // skipif/skipIf/skipUnless are conditional: the test runs somewhere, so it still counts.
      if (/^@(?:pytest\.mark\.skip|unittest\.skip|skip)\b(?!If|if|Unless)/.test(trimmed)) skipNext = true;
      continue;
    }
    const inSkipped = skipNext || classes.some((c) => c.skipped);
    const cls = /^class\s+(\w+)/.exec(trimmed);
    if (cls?.[1]) {
      classes.push({ name: cls[1], indent, isTest: cls[1].startsWith('Test'), skipped: inSkipped });
    } else {
      const def = /^(?:async\s+)?def\s+(test\w*)\s*\(/.exec(trimmed);
      if (def?.[1] && classes.every((c) => c.isTest)) {
        out.push(title(file, i + 1, [...classes.map((c) => c.name), def[1]], inSkipped));
      }
    }
    skipNext = false;
  }
  return out;
}

function extractGo(file: string, content: string): TestTitle[] {
  const out: TestTitle[] = [];
  let current: string | null = null;
  for (const [i, line] of content.split(/\r?\n/).entries()) {
    // `go test` runs TestXxx(t *testing.T) where Xxx does not start with a lower-case letter.
    const fn = /^func\s+(Test(?![a-z])\w*)\s*\(\s*\w+\s+\*testing\.T\s*\)/.exec(line);
    if (fn?.[1]) {
      current = fn[1];
      out.push(title(file, i + 1, [current], false));
      continue;
    }
    if (/^func\b/.test(line)) {
      current = null;
      continue;
    }
    const run = /\b\w+\.Run\(\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|[^,]+,)/.exec(line);
    if (run && current !== null) out.push(title(file, i + 1, [current, run[1] ?? run[2] ?? WILDCARD], false));
  }
  return out;
}
