// pytest and unittest test titles from Python source, by a tokenizer-level scan. There is no
// maintained Python parser for Node worth its weight (the candidates are unmaintained grammars or
// WebAssembly builds of CPython several megabytes large), and what pytest collects is decided by a
// few surface forms: `def test*` at module level or in a collected class, `class Test*` and
// `unittest.TestCase` subclasses, and decorators. The scan joins physical lines into logical ones
// (brackets, backslashes, strings and comments handled as Python's tokenizer does), uses
// indentation for class membership, and reads literal `parametrize` arguments. What it cannot
// read becomes a placeholder: a miss shows as a missing test, never as a false pass.
import { expr, parseArgs, tokens, type Val } from './pyexpr.js';
import { makeTitle, WILDCARD, type TestTitle } from './title.js';

interface Logical {
  readonly line: number;
  readonly indent: number;
  readonly text: string;
}

/** Logical lines with comments removed and strings kept verbatim (see the module comment). */
export function logicalLines(source: string): Logical[] {
  const s = source.replace(/\r\n?/g, '\n');
  const out: Logical[] = [];
  let buf = '';
  let depth = 0;
  let line = 1;
  let start = 1;
  let indent = 0;
  let atStart = true;
  const flush = () => {
    if (buf.trim() !== '') out.push({ line: start, indent, text: buf.trim() });
    buf = '';
  };
  for (let i = 0; i < s.length; ) {
    if (atStart) {
      let w = 0;
      while (s[i] === ' ' || s[i] === '\t' || s[i] === '\f') w = s[i++] === '\t' ? (Math.floor(w / 8) + 1) * 8 : w + 1;
      atStart = false;
      if (depth === 0 && buf === '') {
        indent = w;
        start = line;
      }
      continue;
    }
    const c = s[i] as string;
    if (c === '#') {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (c === '\\' && s[i + 1] === '\n') {
      buf += ' ';
      i += 2;
      line++;
    } else if (c === '\n') {
      i++;
      line++;
      atStart = true;
      if (depth === 0) flush();
      else buf += ' ';
    } else if (c === '"' || c === "'") {
      const quote = s.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < s.length && !s.startsWith(quote, j)) {
        if (s[j] === '\\') j++;
        else if (s[j] === '\n' && quote.length === 1) break; // unterminated: stop at the line end
        j++;
      }
      j = Math.min(s.length, j + quote.length);
      const text = s.slice(i, j);
      for (const ch of text) if (ch === '\n') line++;
      buf += text;
      i = j;
    } else {
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c)) depth = Math.max(0, depth - 1);
      buf += c;
      i++;
    }
  }
  flush();
  return out;
}

interface Decorator {
  readonly name: string;
  readonly args: readonly Val[];
  readonly kw: Readonly<Record<string, Val>>;
}

interface Case {
  readonly id: string;
  readonly skipped: boolean;
}

interface Scope {
  readonly kind: 'class' | 'def';
  readonly indent: number;
  readonly name: string;
  /** A class whose test methods pytest or unittest collects. */
  readonly collects: boolean;
  readonly skipped: boolean;
  /** Parametrize cases from the class's decorators (they apply to every method). */
  readonly cases: readonly Case[][];
}

const SKIP_NAME = /(?:^|\.)(?:skip|skipif|skipIf|skipUnless)$/;

function isSkip(d: Decorator): boolean {
  if (SKIP_NAME.test(d.name)) return true;
  // xfail(run=False) is reported but never executed.
  return /(?:^|\.)xfail$/.test(d.name) && d.kw.run?.k === 'const' && d.kw.run.v === 'False';
}

function decoratorOf(text: string): Decorator | null {
  const toks = tokens(text.slice(1));
  const { value } = expr(toks, 0);
  if (value.k === 'call') return { name: value.name, args: value.args, kw: value.kw };
  if (value.k === 'name') return { name: value.v, args: [], kw: {} };
  return null;
}

/** pytest's id for one argument value: the literal's text, else `<argname><index>`. */
function idOf(v: Val, argname: string, index: number): string {
  if (v.k === 'str' || v.k === 'num' || v.k === 'const') return v.v;
  return `${argname}${index}`;
}

/** The cases one `parametrize` decorator generates, in order; one placeholder case when not literal. */
function parametrizeCases(d: Decorator): Case[] {
  const names = d.args[0] ?? d.kw.argnames;
  const values = d.args[1] ?? d.kw.argvalues;
  const ids = d.args[3] ?? d.kw.ids;
  const argnames =
    names?.k === 'str' ? names.v.split(',').map((n) => n.trim()).filter((n) => n !== '')
    : names?.k === 'seq' && names.items.every((n) => n.k === 'str') ? names.items.map((n) => (n as { v: string }).v)
    : null;
  if (!argnames || values?.k !== 'seq' || (ids !== undefined && ids.k !== 'seq')) return [{ id: WILDCARD, skipped: false }];
  return values.items.map((raw, index) => {
    let v = raw;
    let explicit: string | null = null;
    let skipped = false;
    if (v.k === 'call' && /(?:^|\.)param$/.test(v.name)) {
      if (v.kw.id?.k === 'str') explicit = v.kw.id.v;
      const marks = v.kw.marks;
      const markList = marks?.k === 'seq' ? marks.items : marks ? [marks] : [];
      skipped = markList.some((m) => (m.k === 'name' && SKIP_NAME.test(m.v)) || (m.k === 'call' && SKIP_NAME.test(m.name)));
      v = argnames.length === 1 ? (v.args[0] ?? { k: 'other' }) : { k: 'seq', items: v.args };
    }
    const given = ids?.k === 'seq' ? ids.items[index] : undefined;
    if (given && given.k !== 'const') explicit = given.k === 'str' ? given.v : WILDCARD;
    if (explicit !== null) return { id: explicit, skipped };
    const parts = argnames.length === 1 ? [v] : v.k === 'seq' ? v.items : null;
    if (!parts) return { id: WILDCARD, skipped };
    return { id: parts.map((p, i) => idOf(p, argnames[i] ?? 'arg', index)).join('-'), skipped };
  });
}

/** Every combination of stacked parametrize decorators: the one nearest the def comes first in the id. */
function combine(groups: readonly Case[][]): Case[] {
  let out: Case[] = [{ id: '', skipped: false }];
  for (const group of groups) {
    const next: Case[] = [];
    for (const g of group) for (const o of out) next.push({ id: o.id === '' ? g.id : `${o.id}-${g.id}`, skipped: o.skipped || g.skipped });
    out = next;
    // A literal table this large is data, not a list of named tests: keep one placeholder.
    if (out.length > 500) return [{ id: WILDCARD, skipped: false }];
  }
  return out;
}

const SKIP_CALL = /^(?:pytest\.skip\s*\(|self\.skipTest\s*\(|raise\s+(?:unittest\.)?SkipTest\b)/;
const DOCSTRING = /^[rRuU]?("""|'''|"|')[\s\S]*\1$/;

export function extractPython(file: string, content: string): TestTitle[] {
  const out: TestTitle[] = [];
  const scopes: Scope[] = [];
  let decorators: Decorator[] = [];
  const lines = logicalLines(content);
  // A module's `pytestmark` applies to every test in it, wherever the assignment stands.
  const moduleSkipped = lines.some((l) => l.indent === 0 && /^pytestmark\s*[:=]/.test(l.text) && /\bskip(?:if)?\b/.test(l.text));
  // Titles of the last test def, until its first statement shows whether it skips itself.
  let pending: { indent: number; from: number } | null = null;
  for (const l of lines) {
    if (pending) {
      if (l.indent > pending.indent) {
        if (DOCSTRING.test(l.text)) continue;
        if (SKIP_CALL.test(l.text)) for (let i = pending.from; i < out.length; i++) out[i] = { ...(out[i] as TestTitle), skipped: true };
      }
      pending = null;
    }
    while (scopes.length > 0 && (scopes.at(-1) as Scope).indent >= l.indent) scopes.pop();
    const parent = scopes.at(-1);
    if (l.text.startsWith('@')) {
      const d = decoratorOf(l.text);
      if (d) decorators.push(d);
      continue;
    }
    const skippedHere = decorators.some(isSkip) || moduleSkipped || scopes.some((s) => s.skipped);
    const cases = decorators.filter((d) => /(?:^|\.)parametrize$/.test(d.name)).map(parametrizeCases).reverse();
    decorators = [];
    const cls = /^class\s+([A-Za-z_]\w*)\s*(?:\((.*)\))?\s*:/.exec(l.text);
    if (cls?.[1]) {
      const bases = cls[2] ? parseArgs(tokens(cls[2])).args.map((b) => (b.k === 'name' ? b.v : '')) : [];
      const inCollected = parent === undefined || (parent.kind === 'class' && parent.collects);
      // pytest collects `Test*` classes (nested ones too); unittest any TestCase subclass.
      const collects = inCollected && (cls[1].startsWith('Test') || bases.some((b) => /TestCase$/.test(b)));
      scopes.push({ kind: 'class', indent: l.indent, name: cls[1], collects, skipped: skippedHere, cases: [...cases, ...(parent?.cases ?? [])] });
      continue;
    }
    const def = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/.exec(l.text);
    if (def?.[1]) {
      const inCollected = parent === undefined || (parent.kind === 'class' && parent.collects);
      if (def[1].startsWith('test') && inCollected) {
        const classes = scopes.map((s) => s.name);
        pending = { indent: l.indent, from: out.length };
        for (const c of combine([...cases, ...(parent?.cases ?? [])])) {
          const name = c.id === '' ? def[1] : `${def[1]}[${c.id}]`;
          out.push(makeTitle(file, l.line, [...classes, name], skippedHere || c.skipped, '::'));
        }
      }
      scopes.push({ kind: 'def', indent: l.indent, name: def[1], collects: false, skipped: false, cases: [] });
      continue;
    }
    if (/^pytestmark\s*[:=]/.test(l.text) && /\bskip(?:if)?\b/.test(l.text)) {
      if (parent?.kind === 'class') scopes[scopes.length - 1] = { ...parent, skipped: true };
    }
  }
  return out;
}
