// Just enough of Python's expression syntax to read decorator arguments: literals (strings with
// implicit concatenation, numbers, None/True/False, lists, tuples), dotted names, calls with
// keyword arguments. Anything else is `other`, which the caller turns into a placeholder.

export type Tok = { readonly t: 'str'; readonly v: string; readonly plain: boolean } | { readonly t: 'num' | 'name' | 'op'; readonly v: string };

export type Val =
  | { readonly k: 'str' | 'num' | 'const' | 'name'; readonly v: string }
  | { readonly k: 'seq'; readonly items: readonly Val[] }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Val[]; readonly kw: Readonly<Record<string, Val>> }
  | { readonly k: 'other' };

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function decode(prefix: string, body: string): string {
  if (/[rR]/.test(prefix)) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/gs, (_m, e: string) =>
    e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? `\\${e}`),
  );
}

export function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s+|([rRbBuUfF]{0,2})("""|'''|"|')|(\d[\w.]*)|([A-Za-z_]\w*)|(\*\*|.)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[2] !== undefined) {
      const quote = m[2];
      let j = re.lastIndex;
      while (j < text.length && !text.startsWith(quote, j)) j += text[j] === '\\' ? 2 : 1;
      const prefix = m[1] ?? '';
      // f-strings and bytes are not plain text: their pytest ids are not the literal as written.
      out.push({ t: 'str', v: decode(prefix, text.slice(re.lastIndex, j)), plain: !/[fFbB]/.test(prefix) });
      re.lastIndex = j + quote.length;
    } else if (m[3] !== undefined) out.push({ t: 'num', v: m[3] });
    else if (m[4] !== undefined) out.push({ t: 'name', v: m[4] });
    else if (m[5] !== undefined) out.push({ t: 'op', v: m[5] });
    if (re.lastIndex >= text.length) break;
  }
  return out;
}

const CLOSERS = new Set([',', ')', ']', '}', ':', '=']);
const CONSTS = new Set(['None', 'True', 'False']);

/** Parses one expression from `at`; returns it and the index after it. */
export function expr(toks: readonly Tok[], at: number): { value: Val; next: number } {
  let { value, next } = primary(toks, at);
  // Anything that continues the expression (operators, subscripts, comprehensions) makes it opaque.
  while (next < toks.length && !(toks[next]?.t === 'op' && CLOSERS.has(toks[next]?.v ?? ''))) {
    value = { k: 'other' };
    next = skipBalanced(toks, next);
  }
  return { value, next };
}

function skipBalanced(toks: readonly Tok[], at: number): number {
  const tok = toks[at];
  if (tok?.t === 'op' && '([{'.includes(tok.v)) {
    let depth = 0;
    for (let i = at; i < toks.length; i++) {
      const t = toks[i] as Tok;
      if (t.t === 'op' && '([{'.includes(t.v)) depth++;
      else if (t.t === 'op' && ')]}'.includes(t.v) && --depth === 0) return i + 1;
    }
    return toks.length;
  }
  return at + 1;
}

function primary(toks: readonly Tok[], at: number): { value: Val; next: number } {
  const tok = toks[at];
  if (!tok) return { value: { k: 'other' }, next: at };
  if (tok.t === 'str') {
    let v = '';
    let plain = true;
    let i = at;
    for (; toks[i]?.t === 'str'; i++) {
      const s = toks[i] as Tok & { t: 'str' };
      v += s.v;
      plain &&= s.plain;
    }
    return { value: plain ? { k: 'str', v } : { k: 'other' }, next: i };
  }
  if (tok.t === 'num') return { value: { k: 'num', v: tok.v }, next: at + 1 };
  if (tok.t === 'op' && tok.v === '-' && toks[at + 1]?.t === 'num') return { value: { k: 'num', v: `-${toks[at + 1]?.v}` }, next: at + 2 };
  if (tok.t === 'name') {
    if (CONSTS.has(tok.v)) return { value: { k: 'const', v: tok.v }, next: at + 1 };
    let name = tok.v;
    let i = at + 1;
    while (toks[i]?.v === '.' && toks[i + 1]?.t === 'name') {
      name += `.${toks[i + 1]?.v}`;
      i += 2;
    }
    if (toks[i]?.v === '(') {
      const { args, kw, next } = parseArgs(toks, i + 1, ')');
      return { value: { k: 'call', name, args, kw }, next };
    }
    return { value: { k: 'name', v: name }, next: i };
  }
  if (tok.t === 'op' && (tok.v === '[' || tok.v === '(')) {
    const close = tok.v === '[' ? ']' : ')';
    const { args, kw, next, single } = parseArgs(toks, at + 1, close);
    // `(x)` is x itself; `(x,)` and `[x]` are sequences.
    if (close === ')' && single && args[0]) return { value: args[0], next };
    return { value: Object.keys(kw).length > 0 ? { k: 'other' } : { k: 'seq', items: args }, next };
  }
  return { value: { k: 'other' }, next: skipBalanced(toks, at) };
}

/** Comma-separated arguments up to `close` (or the end). `single`: one item and no trailing comma. */
export function parseArgs(toks: readonly Tok[], at = 0, close?: string): { args: Val[]; kw: Record<string, Val>; next: number; single: boolean } {
  const args: Val[] = [];
  const kw: Record<string, Val> = {};
  let i = at;
  let commas = 0;
  while (i < toks.length && toks[i]?.v !== close) {
    const tok = toks[i] as Tok;
    if (tok.t === 'name' && toks[i + 1]?.v === '=' && toks[i + 2]?.v !== '=') {
      const { value, next } = expr(toks, i + 2);
      kw[tok.v] = value;
      i = next;
    } else if (tok.t === 'op' && (tok.v === '*' || tok.v === '**')) {
      args.push({ k: 'other' });
      i = expr(toks, i + 1).next;
    } else {
      const { value, next } = expr(toks, i);
      args.push(value);
      i = next === i ? i + 1 : next;
    }
    if (toks[i]?.v === ',') {
      commas++;
      i++;
    } else if (toks[i]?.v !== close) i = skipBalanced(toks, i);
  }
  return { args, kw, next: i + 1, single: args.length === 1 && commas === 0 };
}
