// `go test` titles from Go source: `func TestXxx(t *testing.T)` and its `t.Run("name", func(t
// *testing.T) {...})` subtests, nested, titled as go test prints them (`TestXxx/name_with_spaces`).
// A token scan (comments, strings, raw strings and runes handled; braces counted) is enough: the
// forms are fixed by the testing package. A subtest named by a variable (table-driven tests)
// becomes a placeholder. A `t.Skip` as the first statement (after t.Parallel/t.Helper) marks the
// test skipped; a conditional skip does not, since the test runs somewhere.
import { makeTitle, WILDCARD, type TestTitle } from './title.js';

interface Tok {
  readonly t: 'ident' | 'str' | 'op' | 'other';
  readonly v: string;
  readonly line: number;
}

function unquote(body: string): string {
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_m, e: string) => {
    if (e.length === 1) return map[e] ?? e;
    const code = /^[0-7]{3}$/.test(e) ? parseInt(e, 8) : parseInt(e.slice(1), 16);
    return String.fromCodePoint(code);
  });
}

function goTokens(source: string): Tok[] {
  const out: Tok[] = [];
  const re = /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"((?:[^"\\\n]|\\.)*)"?|`([^`]*)`?|'(?:[^'\\\n]|\\.)*'?|([\p{L}_][\p{L}\p{N}_]*)|(\d[\w.]*)|(\s+)|([^])/guy;
  let line = 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null && m[0] !== '') {
    const text = m[0];
    if (m[1] !== undefined) out.push({ t: 'str', v: unquote(m[1]), line });
    else if (m[2] !== undefined) out.push({ t: 'str', v: m[2].replace(/\r/g, ''), line });
    else if (m[3] !== undefined) out.push({ t: 'ident', v: m[3], line });
    else if (m[6] !== undefined) out.push({ t: 'op', v: m[6], line });
    else if (m[5] === undefined && !text.startsWith('//') && !text.startsWith('/*')) out.push({ t: 'other', v: text, line });
    for (const ch of text) if (ch === '\n') line++;
  }
  return out;
}

/** Index after `func ( <name> * testing . T ) {`-like parameter lists: the name, or null. */
function testingParam(toks: readonly Tok[], at: number): { name: string; brace: number } | null {
  const want = ['(', null, '*', 'testing', '.', 'T', ')', '{'];
  for (let k = 0; k < want.length; k++) {
    const tok = toks[at + k];
    if (!tok) return null;
    if (want[k] === null ? tok.t !== 'ident' : tok.v !== want[k] || tok.t === 'str') return null;
  }
  return { name: toks[at + 1]?.v as string, brace: at + 7 };
}

/** True when the body starting after `brace` opens with t.Skip/Skipf/SkipNow (after t.Parallel()/t.Helper()). */
function skipsAtTop(toks: readonly Tok[], brace: number, t: string): boolean {
  let i = brace + 1;
  while (toks[i]?.v === t && toks[i + 1]?.v === '.' && (toks[i + 2]?.v === 'Parallel' || toks[i + 2]?.v === 'Helper') && toks[i + 3]?.v === '(' && toks[i + 4]?.v === ')') {
    i += 5;
    if (toks[i]?.v === ';') i++;
  }
  return toks[i]?.v === t && toks[i + 1]?.v === '.' && /^Skip(?:f|Now)?$/.test(toks[i + 2]?.v ?? '') && toks[i + 3]?.v === '(';
}

// go test's rewrite of subtest names: spaces become underscores (testing/match.go `rewrite`).
const rewrite = (name: string): string => name.replace(/\s/g, '_');

export function extractGo(file: string, content: string): TestTitle[] {
  const toks = goTokens(content);
  const out: TestTitle[] = [];
  const scopes: { parts: string[]; depth: number; t: string; skipped: boolean }[] = [];
  // A subtest whose body opens at a given brace index.
  const opening = new Map<number, { parts: string[]; t: string; skipped: boolean }>();
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i] as Tok;
    if (tok.t === 'op' && tok.v === '{') {
      depth++;
      const open = opening.get(i);
      if (open) scopes.push({ ...open, depth });
      continue;
    }
    if (tok.t === 'op' && tok.v === '}') {
      depth = Math.max(0, depth - 1);
      while (scopes.length > 0 && (scopes.at(-1)?.depth ?? 0) > depth) scopes.pop();
      continue;
    }
    // `go test` runs TestXxx(t *testing.T) where Xxx does not start with a lower-case letter.
    if (depth === 0 && tok.v === 'func' && /^Test(?!\p{Ll})/u.test(toks[i + 1]?.v ?? '')) {
      const param = testingParam(toks, i + 2);
      if (!param) continue;
      const parts = [toks[i + 1]?.v as string];
      const skipped = skipsAtTop(toks, param.brace, param.name);
      out.push(makeTitle(file, tok.line, parts, skipped, '/'));
      opening.set(param.brace, { parts, t: param.name, skipped });
      continue;
    }
    const parent = scopes.at(-1);
    if (parent && tok.t === 'ident' && toks[i + 1]?.v === '.' && toks[i + 2]?.v === 'Run' && toks[i + 3]?.v === '(') {
      const arg = toks[i + 4];
      const literal = arg?.t === 'str' && toks[i + 5]?.v === ',';
      const parts = [...parent.parts, literal ? rewrite(arg.v) : WILDCARD];
      // The function literal after the name's comma, when there is one.
      let j = i + 4;
      for (let paren = 0; j < toks.length; j++) {
        const v = toks[j]?.t === 'op' ? toks[j]?.v : undefined;
        if (v === '(' || v === '[' || v === '{') paren++;
        else if (v === ')' || v === ']' || v === '}') paren--;
        if (paren < 0 || (paren === 0 && v === ',')) break;
      }
      let skipped = parent.skipped;
      if (toks[j]?.v === ',' && toks[j + 1]?.v === 'func') {
        const param = testingParam(toks, j + 2);
        if (param) {
          skipped ||= skipsAtTop(toks, param.brace, param.name);
          opening.set(param.brace, { parts, t: param.name, skipped });
        }
      }
      out.push(makeTitle(file, tok.line, parts, skipped, '/'));
    }
  }
  return out;
}
