// Terminal output helpers for the commands: colour decisions and error printing.
// chalk is imported only when colour is actually on (it costs start-up time on every commit).
import type { Style } from '../report/style.js';
import { plainStyle } from '../report/style.js';
import { escapeData, escapeProperty } from '../report/github.js';
import { visible } from '../report/visible.js';

/** Colour follows NO_COLOR / FORCE_COLOR and whether the stream is a terminal. */
function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return stream.isTTY === true && process.env.TERM !== 'dumb';
}

export async function styleFor(stream: NodeJS.WriteStream = process.stdout): Promise<Style> {
  if (!colorEnabled(stream)) return plainStyle;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  return {
    red: (s) => chalk.red(s),
    green: (s) => chalk.green(s),
    yellow: (s) => chalk.yellow(s),
    cyan: (s) => chalk.cyan(s),
    dim: (s) => chalk.dim(s),
    bold: (s) => chalk.bold(s),
  };
}

/** Errors name paths, revisions and values from files: written out visibly, line by line. */
export function printError(message: string, fix?: string): void {
  const safe = (text: string) => text.split('\n').map((l) => visible(l)).join('\n');
  process.stderr.write(`reviewgate: ${safe(message)}\n`);
  if (fix) process.stderr.write(`  fix: ${safe(fix)}\n`);
}

/**
 * With `--format github`, an error that stops the command is also a workflow command on stdout
 * (`::error file=…,line=…::message`), so the job's annotations show it, not only its log. A
 * configuration error's `file:line:column` becomes the annotation's place.
 */
export function annotateError(error: unknown): void {
  const message = error instanceof Error ? error.message.replace(/^error: /, '') : String(error);
  const fix = (error as { fix?: unknown }).fix;
  const place = /^([^\s:]+):(\d+)(?::(\d+))?[ :]/.exec(message);
  const props = place ? `file=${escapeProperty(place[1] as string)},line=${place[2]},` : '';
  const text = typeof fix === 'string' && fix !== '' ? `${message}\nfix: ${fix}` : message;
  process.stdout.write(`::error ${props}title=reviewgate::${escapeData(text)}\n`);
}
