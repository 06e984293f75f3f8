// The body of a test, from its title's line: what `tests --audit` shows the AI advisor. For
// Python, the lines indented under the `def`; otherwise from the title's line until its brackets
// close (strings and comments are not parsed: a stray bracket inside one can only cut the body
// short or run to the limit, and the body is only ever shown, never judged). Pure.

export interface TestBody {
  /** 1-based, inclusive. */
  readonly start: number;
  readonly end: number;
  readonly lines: readonly string[];
}

export function testBody(content: string, line: number, path: string, limit = 80): TestBody {
  const all = content.split('\n');
  const start = Math.max(1, Math.min(line, all.length));
  const first = all[start - 1] ?? '';
  const out: string[] = [first];
  if (path.endsWith('.py')) {
    const indent = first.length - first.trimStart().length;
    for (let i = start; i < all.length && out.length < limit; i++) {
      const text = all[i] ?? '';
      if (text.trim() !== '' && text.length - text.trimStart().length <= indent) break;
      out.push(text);
    }
    while (out.length > 1 && (out.at(-1) ?? '').trim() === '') out.pop();
  } else {
    let depth = 0;
    let opened = false;
    const count = (text: string) => {
      for (const ch of text) {
        if (ch === '{' || ch === '(' || ch === '[') {
          depth++;
          opened = true;
        } else if (ch === '}' || ch === ')' || ch === ']') depth--;
      }
    };
    count(first);
    for (let i = start; i < all.length && out.length < limit && !(opened && depth <= 0); i++) {
      const text = all[i] ?? '';
      out.push(text);
      count(text);
    }
  }
  return { start, end: start + out.length - 1, lines: out };
}
