// The test titles a test file declares, so the plan's test checklist can be matched against them.
// JavaScript and TypeScript are parsed with @babel/parser (imported only when a JS/TS test file
// is read: it is the heaviest module `check` can load). Python and Go get token scans
// (python.ts, go.ts). Titles are joined as each runner prints them (see TestTitle.title).
import { posix } from 'node:path';
import { UserError } from '../errors.js';
import { extractGo } from './go.js';
import { extractPython } from './python.js';
import { makeTitle, WILDCARD, type TestTitle } from './title.js';

export { WILDCARD, type TestTitle } from './title.js';

const JS_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts']);

export async function extractTitles(path: string, content: string): Promise<TestTitle[]> {
  const ext = posix.extname(path);
  if (JS_EXTENSIONS.has(ext)) return extractJs(path, content, ext);
  if (ext === '.py') return extractPython(path, content);
  if (ext === '.go') return extractGo(path, content);
  return [];
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
    const program = isNode(ast) && isNode(ast.program) ? ast.program : null;
    walkStatements(program?.body, { parts: [], skipped: false }, file, out);
    return out;
  });
}

type Ctx = { readonly parts: string[]; readonly skipped: boolean };

// Only titles that run count: a test call must be a statement at the top level of the file or in
// the body of a suite's callback. Calls inside `if`, `switch`, `while`, a function, a `&&` or a
// ternary may never run (`if (false) { it('a works', …) }` would otherwise satisfy a checklist
// item), so they are not titles. Plain blocks, `try` blocks, and `for`/`for…of`/`for…in` loops
// and `.forEach` over a table are followed, as test tables use them — unless the loop is dead on
// its face (an empty array literal, a falsy literal condition).
function walkStatements(statements: unknown, ctx: Ctx, file: string, out: TestTitle[]): void {
  if (!Array.isArray(statements)) return;
  for (const st of statements) if (isNode(st)) walkStatement(st, ctx, file, out);
}

function walkStatement(st: AstNode, ctx: Ctx, file: string, out: TestTitle[]): void {
  switch (st.type) {
    case 'ExpressionStatement':
      return walkCall(st.expression, ctx, file, out);
    case 'BlockStatement':
      return walkStatements(st.body, ctx, file, out);
    case 'TryStatement':
      return isNode(st.block) ? walkStatement(st.block, ctx, file, out) : undefined;
    case 'LabeledStatement':
      return isNode(st.body) ? walkStatement(st.body, ctx, file, out) : undefined;
    case 'ForOfStatement':
    case 'ForInStatement':
      if (isEmptyArray(st.right)) return;
      return isNode(st.body) ? walkStatement(st.body, ctx, file, out) : undefined;
    case 'ForStatement':
      if (isFalsyLiteral(st.test)) return;
      return isNode(st.body) ? walkStatement(st.body, ctx, file, out) : undefined;
    default:
      return;
  }
}

const isEmptyArray = (n: unknown) => isNode(n) && n.type === 'ArrayExpression' && Array.isArray(n.elements) && n.elements.length === 0;
function isFalsyLiteral(n: unknown): boolean {
  if (!isNode(n)) return false;
  if (n.type === 'BooleanLiteral' || n.type === 'NumericLiteral' || n.type === 'StringLiteral') return !n.value;
  return n.type === 'NullLiteral';
}

/** A function's body as statements: a block's, or an arrow's expression as one statement. */
function walkBody(fn: unknown, ctx: Ctx, file: string, out: TestTitle[]): void {
  if (!isNode(fn) || (fn.type !== 'ArrowFunctionExpression' && fn.type !== 'FunctionExpression')) return;
  const body = fn.body;
  if (isNode(body) && body.type === 'BlockStatement') walkStatements(body.body, ctx, file, out);
  else walkCall(body, ctx, file, out);
}

function walkCall(expr: unknown, ctx: Ctx, file: string, out: TestTitle[]): void {
  if (!isNode(expr)) return;
  if (expr.type === 'AwaitExpression') return walkCall(expr.argument, ctx, file, out);
  if (expr.type !== 'CallExpression') return;
  const args = expr.arguments as unknown[];
  const callee = expr.callee;
  // `[...].forEach((row) => { it(...) })`: a table.
  if (isNode(callee) && callee.type === 'MemberExpression' && !callee.computed && isNode(callee.property) && callee.property.name === 'forEach') {
    if (!isEmptyArray(callee.object)) walkBody(args[0], ctx, file, out);
    return;
  }
  const chain = chainOf(callee);
  if (!chain || chain.needsCall) return;
  const each = chain.mods.some((m) => m === 'each' || m === 'for');
  const parts = [...ctx.parts, titleText(args[0], each)];
  const todo = chain.mods.includes('todo');
  const skipped = ctx.skipped || chain.base.startsWith('x') || chain.mods.some((m) => SKIPPING.has(m));
  // vitest and jest print nested titles joined with ' > '.
  if (TESTS.has(chain.base)) out.push(makeTitle(file, expr.loc?.start.line ?? 0, parts, skipped, ' > ', todo));
  else for (const arg of args.slice(1)) walkBody(arg, { parts, skipped }, file, out);
}
