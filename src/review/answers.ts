// Piped review answers (a terminal is read by walker.ts): one answer per line on stdin, like `git add -p`:
// `y`, `n`, `q`, `c <text>`, `! <text>`; end of input means quit, keeping what was answered.
import { createInterface } from 'node:readline';

type Answer =
  | { readonly kind: 'y' }
  | { readonly kind: 'n' }
  | { readonly kind: 'q' }
  | { readonly kind: '?' }
  | { readonly kind: 'c'; readonly text: string }
  | { readonly kind: '!'; readonly text: string }
  | { readonly kind: 'invalid'; readonly input: string };

/** Parses one piped answer line. */
function parseAnswerLine(line: string): Answer {
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
