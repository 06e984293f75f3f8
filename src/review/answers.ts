// Where review answers come from. On a terminal: single keys (raw mode), and a line of text
// after `c` or `!`. Otherwise: one answer per line on stdin, like `git add -p`:
// `y`, `n`, `q`, `c <text>`, `! <text>`; end of input means quit, keeping what was answered.
import { createInterface } from 'node:readline';

export type Answer =
  | { readonly kind: 'y' }
  | { readonly kind: 'n' }
  | { readonly kind: 'q' }
  | { readonly kind: '?' }
  | { readonly kind: 'c'; readonly text: string }
  | { readonly kind: '!'; readonly text: string }
  | { readonly kind: 'invalid'; readonly input: string };

/** Parses one piped answer line. */
export function parseAnswerLine(line: string): Answer {
  const trimmed = line.trim();
  const head = trimmed.charAt(0);
  if (trimmed === 'y' || trimmed === 'n' || trimmed === 'q' || trimmed === '?') return { kind: trimmed } as Answer;
  if ((head === 'c' || head === '!') && (trimmed.length === 1 || trimmed.charAt(1) === ' ')) {
    return { kind: head, text: trimmed.slice(1).trim() };
  }
  return { kind: 'invalid', input: trimmed };
}

export interface AnswerSource {
  readonly mode: 'terminal' | 'piped';
  /** The next answer, or null at end of input / Ctrl-C. */
  next(prompt: string): Promise<Answer | null>;
  close(): void;
}

export function pipedAnswers(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): AnswerSource {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    mode: 'piped',
    async next(prompt) {
      output.write(prompt);
      const { value, done } = await lines.next();
      output.write('\n');
      if (done) return null;
      return parseAnswerLine(String(value));
    },
    close: () => rl.close(),
  };
}

export function terminalAnswers(input: NodeJS.ReadStream, output: NodeJS.WriteStream): AnswerSource {
  const readKey = () =>
    new Promise<string | null>((resolve) => {
      const onData = (data: Buffer) => {
        input.off('data', onData);
        input.off('end', onEnd);
        resolve(data.toString('utf8'));
      };
      const onEnd = () => {
        input.off('data', onData);
        resolve(null);
      };
      input.on('data', onData);
      input.once('end', onEnd);
    });
  const readText = async (label: string): Promise<string | null> => {
    input.setRawMode(false);
    const rl = createInterface({ input, output, terminal: true });
    const text = await new Promise<string | null>((resolve) => {
      rl.question(label, (answer) => resolve(answer));
      rl.once('close', () => resolve(null));
      rl.once('SIGINT', () => resolve(null));
    });
    rl.close();
    input.setRawMode(true);
    input.resume();
    return text;
  };
  input.setRawMode(true);
  input.resume();
  return {
    mode: 'terminal',
    async next(prompt) {
      output.write(prompt);
      for (;;) {
        const key = await readKey();
        if (key === null || key === '\u0003' || key === '\u0004') {
          output.write('\n');
          return null;
        }
        const k = key.charAt(0);
        if (k === 'y' || k === 'n' || k === 'q' || k === '?') {
          output.write(`${k}\n`);
          return { kind: k } as Answer;
        }
        if (k === 'c' || k === '!') {
          output.write(`${k}\n`);
          const text = await readText(k === 'c' ? 'note: ' : 'concern: ');
          if (text === null) return null;
          return { kind: k, text: text.trim() };
        }
      }
    },
    close() {
      input.setRawMode(false);
      input.pause();
    },
  };
}
