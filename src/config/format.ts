// Configuration errors as data, and their one-line form. Kept apart from the YAML parser so
// that reporters and the CLI can format errors without loading `yaml`.

import { timeoutProblem } from './timeout.js';

export interface ConfigError {
  /** The configuration file as the user knows it (repository-relative where possible). */
  readonly file: string;
  /** 1-based line and column of the offending node (for an unknown key: of the key itself). */
  readonly line: number;
  readonly column: number;
  /** Dotted path with list indexes, e.g. `run.commands[0]`; '' for the whole file. */
  readonly path: string;
  readonly message: string;
  readonly fix?: string;
}

/** `.reviewgate.yml:12:5 run.commands[0]: expected a string` (no path: `file:1:1: message`). */
export function formatConfigError(error: ConfigError): string {
  const where = `${error.file}:${error.line}:${error.column}`;
  return error.path ? `${where} ${error.path}: ${error.message}` : `${where}: ${error.message}`;
}

/** `['tests', 'rules', 0, 'source']` → `tests.rules[0].source`. */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** How a YAML value reads in a message: `a number (3)`, `a list`, `nothing (null)`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)})`;
    case 'number':
    case 'bigint':
      return `a number (${String(value)})`;
    case 'boolean':
      return `${String(value)}`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** The value at a zod issue path in the raw input (undefined when the path does not exist). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  boolean: 'true or false',
  number: 'a number',
  array: 'a list',
  object: 'a mapping',
};

/** The subset of a zod issue we word ourselves (zod/mini's own messages are all "Invalid input"). */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly origin?: string;
  readonly minimum?: number | bigint;
}

/** Wording for one zod issue other than `unrecognized_keys`, given the offending raw value. */
/** `warning` → `warn`, `Fail` → `fail`: the allowed value a typo most likely meant. */
function closest(value: string, allowed: readonly string[]): string | null {
  const v = value.trim().toLowerCase();
  return allowed.find((a) => a === v) ?? allowed.find((a) => v.startsWith(a) || a.startsWith(v)) ?? allowed.find((a) => editDistance(a, v) <= 2) ?? null;
}

/** `run.timeout` (and `run.isolated.timeout`-like keys): the forms a duration may take. */
const DURATION = 'a number of seconds (90) or a string with a unit: "500ms", "90s", "15m", "1.5h"';

export function issueMessage(issue: SchemaIssue, value: unknown): { message: string; fix?: string } {
  // YAML reads 1e400 and .inf as Infinity, which no number-valued key accepts.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { message: `is ${String(value)}: a number too large to hold`, fix: issue.path.at(-1) === 'timeout' ? 'write a number of seconds up to 2073600, or null for no limit' : 'write a smaller number' };
  }
  if (issue.path[issue.path.length - 1] === 'timeout' && value !== null && value !== undefined) {
    // The nearest accepted form: "5 minutes" → 5m.
    const minutes = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?)\s*$/i.exec(value) : null;
    const unit = minutes?.[2]?.toLowerCase() ?? '';
    const short = unit.startsWith('ms') || unit.startsWith('milli') ? 'ms' : unit[0] ?? '';
    const fix = minutes ? `write \`timeout: ${minutes[1]}${short}\`` : 'write e.g. `timeout: 5m`';
    // Too large for a timer, or not a duration at all: timeoutProblem says which.
    const problem = issue.path.length === 2 && issue.path[0] === 'run' ? timeoutProblem(value) : null;
    return { message: problem ?? `expected ${DURATION}, or null for no limit; got ${describeValue(value)}`, fix };
  }
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected ?? ''] ?? issue.expected ?? 'another type';
      if (value === undefined) return { message: `is required (${expected})`, fix: `add it` };
      return { message: `expected ${expected}, got ${describeValue(value)}` };
    }
    case 'invalid_value': {
      if (issue.path.length === 1 && issue.path[0] === 'version') {
        return {
          message: `unsupported version ${JSON.stringify(value)}; this reviewgate reads version 1`,
          fix: 'write `version: 1`, or upgrade reviewgate if the file was written for a newer one',
        };
      }
      const values = (issue.values ?? []).map((v) => JSON.stringify(v)).join(', ');
      const close = typeof value === 'string' ? closest(value, (issue.values ?? []).filter((v): v is string => typeof v === 'string')) : null;
      return { message: `expected one of ${values}, got ${describeValue(value)}`, ...(close ? { fix: `did you mean "${close}"?` } : {}) };
    }
    case 'too_small':
      if (issue.origin === 'array') return { message: 'must not be an empty list', fix: 'list at least one entry, or remove the key to use the default' };
      if (issue.origin === 'string') return { message: 'must not be empty' };
      return { message: `must be at least ${String(issue.minimum)}` };
    case 'too_big':
      return { message: `is too large (at most ${String((issue as { maximum?: number | bigint }).maximum ?? Number.MAX_SAFE_INTEGER)})` };
    default:
      return { message: issue.message };
  }
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
