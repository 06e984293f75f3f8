// The configuration pipeline as one pure function: read → parse YAML (keeping positions) → zod
// strict schema → defaults → semantic checks. Every problem becomes a ConfigError pointing at
// the YAML node it is about. This module imports `yaml`; load.ts imports it only when a file
// exists, so `check` without a configuration file never pays for the parser.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { configSchema, type Config } from './schema.js';
import { describeValue, editDistance, formatConfigPath, issueMessage, valueAt, type ConfigError } from './format.js';


export interface ConfigValidation {
  /** The configuration to use; the defaults when there are errors (callers must not use it then). */
  readonly config: Config;
  readonly errors: ConfigError[];
  /** True when there was no file at all (the report says so and suggests `reviewgate init`). */
  readonly defaulted: boolean;
}

type Path = readonly PropertyKey[];

/** The configuration every key's default gives. */
export function defaultConfig(): Config {
  return configSchema.parse({});
}

export function validateConfig(text: string | null, file: string): ConfigValidation {
  if (text === null) return { config: defaultConfig(), errors: [], defaulted: true };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const fail = (errors: ConfigError[]): ConfigValidation => ({
    config: defaultConfig(),
    errors: errors.sort((a, b) => a.line - b.line || a.column - b.column),
    defaulted: false,
  });

  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => ({
        file,
        ...at(e.pos[0]),
        path: '',
        message:
          e.code === 'MULTIPLE_DOCS'
            ? 'the file holds more than one YAML document (a second `---`)'
            : `YAML syntax: ${e.message}`,
        fix: 'fix the YAML syntax at this position',
      })),
    );
  }

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // Unresolved aliases and alias bombs surface here, not in doc.errors.
    return fail([{ file, ...at(doc.contents?.range?.[0] ?? 0), path: '', message: `YAML: ${(error as Error).message}` }]);
  }
  // An empty, blank or comments-only file is valid: every key has a default.
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return fail([
      {
        file,
        ...at(doc.contents?.range?.[0] ?? 0),
        path: '',
        message: `expected a mapping of settings at the top level, got ${describeValue(raw)}`,
        fix: 'start from `reviewgate init`, or write `version: 1` and the keys you need',
      },
    ]);
  }
  // A section whose keys are all commented out (`plan:` alone) parses as null; it means "the
  // defaults of this section", as an empty file means the defaults of all of them.
  const input = { ...(raw as Record<string, unknown>) };
  for (const section of ['plan', 'review', 'run', 'tests']) if (input[section] === null) input[section] = {};

  const locate = (path: Path, key?: string): { line: number; column: number } =>
    at(nodeOffset(doc, path, key));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const errors: ConfigError[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const path = [...issue.path, key];
          errors.push({ file, ...locate(issue.path, key), path: formatConfigPath(path), ...unknownKey(issue.path, key) });
        }
        continue;
      }
      const { message, fix } = issueMessage(issue, valueAt(input, issue.path));
      const path = formatConfigPath(issue.path);
      // A failed union and the refinement on it can word the same problem twice.
      if (errors.some((e) => e.path === path && e.message === message)) continue;
      errors.push({ file, ...locate(issue.path), path, message, ...(fix ? { fix } : {}) });
    }
    return fail(errors);
  }

  const semantic = semanticErrors(parsed.data);
  if (semantic.length > 0) {
    return fail(semantic.map((s) => ({ file, ...locate(s.path), path: formatConfigPath(s.path), message: s.message, fix: s.fix })));
  }
  return { config: parsed.data, errors: [], defaulted: false };
}

interface SemanticError {
  readonly path: Path;
  readonly message: string;
  readonly fix: string;
}

const PLACEHOLDERS = new Set(['dir', 'name', 'ext']);

/** Checks the schema cannot express. Normalises `evidence_dir` in place (`./x/` → `x`). */
function semanticErrors(config: Config): SemanticError[] {
  const errors: SemanticError[] = [];
  const evidence = normaliseEvidenceDir(config.evidence_dir);
  if (typeof evidence === 'string') config.evidence_dir = evidence;
  else errors.push({ path: ['evidence_dir'], ...evidence });

  const notBlank = (value: string, path: Path, what: string): void => {
    if (value.trim() === '') errors.push({ path, message: `must not be empty`, fix: `write a ${what} or remove the entry` });
  };
  config.review.ignore.forEach((g, i) => notBlank(g, ['review', 'ignore', i], 'glob'));
  config.run.commands.forEach((c, i) => notBlank(c, ['run', 'commands', i], 'command'));
  config.tests.files.forEach((g, i) => notBlank(g, ['tests', 'files', i], 'glob'));
  config.tests.rules.forEach((rule, r) => {
    notBlank(rule.source, ['tests', 'rules', r, 'source'], 'glob');
    rule.exclude.forEach((g, i) => notBlank(g, ['tests', 'rules', r, 'exclude', i], 'glob'));
    rule.tests.forEach((pattern, i) => {
      const path = ['tests', 'rules', r, 'tests', i];
      notBlank(pattern, path, 'test path pattern');
      // `{word}` is a placeholder; `{a,b}` (with a comma) is a glob alternative and left alone.
      for (const match of pattern.matchAll(/\{([^{},]*)\}/g)) {
        if (!PLACEHOLDERS.has(match[1] ?? '')) {
          errors.push({
            path,
            message: `unknown placeholder "${match[0]}"`,
            fix: 'use {dir} (folder below the static start of `source`), {name} (file name without extension) or {ext}',
          });
        }
      }
    });
  });
  return errors;
}

/** A relative folder inside the repository, in `/` form; or why it is not one. */
function normaliseEvidenceDir(value: string): string | { message: string; fix: string } {
  const fix = 'use a folder inside the repository, e.g. `evidence_dir: .reviewgate`';
  if (value.includes('\\')) return { message: 'must use `/` as the path separator', fix };
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) return { message: 'must be relative to the repository root, not absolute', fix };
  const parts = value.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { message: 'must stay inside the repository (no `..`)', fix };
  if (parts.length === 0) return { message: 'must be a folder below the repository root, not the root itself', fix };
  if (parts[0]?.toLowerCase() === '.git') return { message: 'must not be inside `.git` (evidence is committed)', fix };
  return parts.join('/');
}

function unknownKey(parent: Path, key: string): { message: string; fix: string } {
  const known = knownKeys(parent);
  const close = known.find((k) => editDistance(k, key) <= 2);
  const fix = close
    ? `did you mean "${close}"?`
    : known.length > 0
      ? `remove it; the keys here are: ${known.join(', ')}`
      : 'remove it';
  return { message: `unknown key "${key}"`, fix };
}

/** The keys the schema allows at `path`, read from the zod definition (through defaults and lists). */
function knownKeys(path: Path): string[] {
  // zod 4 keeps its definition under `_zod.def`; this walks only the wrapper kinds our schema uses.
  type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown };
  const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
  const unwrap = (schema: unknown): Def => {
    let def = defOf(schema);
    while (def.innerType !== undefined) def = defOf(def.innerType);
    return def;
  };
  let def = unwrap(configSchema);
  for (const part of path) {
    const next = typeof part === 'number' ? def.element : def.shape?.[String(part)];
    if (next === undefined) return [];
    def = unwrap(next);
  }
  return def.shape ? Object.keys(def.shape).filter((k) => !k.startsWith('$')) : [];
}

/**
 * The source offset of the node at `path` (or, with `key`, of that key in the mapping at
 * `path`). Walks as deep as the document goes: a missing key points at its parent mapping.
 */
function nodeOffset(doc: Document, path: Path, key?: string): number {
  let node: unknown = doc.contents;
  const offset = (n: unknown): number => (n as Node | null)?.range?.[0] ?? 0;
  const segments = key === undefined ? path : [...path, key];
  for (let i = 0; i < segments.length; i++) {
    const part = segments[i];
    const current = node;
    // Through an alias (`commands: *shared`) the path names the place of use, not the anchor:
    // point there, where the user will look for `run.commands[0]`.
    if (isAlias(current)) return offset(current);
    if (isMap(current)) {
      const pair = current.items.find((p) => keyText(p.key) === String(part));
      if (!pair) return offset(current);
      // For an unknown key the position is the key's own.
      if (i === segments.length - 1 && key !== undefined) return offset(pair.key);
      node = pair.value ?? pair.key;
    } else if (isSeq(current) && typeof part === 'number') {
      const item = current.items[part];
      if (item === undefined) return offset(current);
      node = item;
    } else {
      return offset(current);
    }
  }
  return offset(node);
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** The 1-based line and column of the node at `path` in a configuration text (for errors found later). */
export function locateInConfig(text: string, path: Path): { line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const { line, col } = lineCounter.linePos(nodeOffset(doc, path));
  return { line, column: col };
}
