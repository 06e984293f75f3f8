// The JSON Schema of `.reviewgate.yml`, generated from the zod schema so the two cannot differ.
// scripts/schema.mjs writes it to schema.json; test/unit/config-schema.test.ts regenerates it in
// memory and compares, so a schema change without `npm run schema` fails the tests.
import * as z from 'zod/mini';
import { configSchema } from '../src/config/schema.js';

// Descriptions editors show on hover, keyed by property path. Kept here rather than in the zod
// schema so the runtime schema (loaded by every `check`) stays free of documentation strings.
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  version: 'Configuration format version. Only 1 exists.',
  evidence_dir:
    'Folder, relative to the repository root, holding plans/ and evidence/. Committed with the code; excluded from content fingerprints.',
  plan: 'The plan gate: a plan recorded with `reviewgate plan`, complete and covering the change.',
  'plan.required': 'Whether a failing plan gate fails the check (it is reported either way).',
  'plan.sections': 'Headings the plan must have.',
  'plan.before_code': 'What to do when the plan was written after the code: warn, fail or off.',
  review: 'The review gate: every changed line looked at by a person with `reviewgate review`.',
  'review.required': 'Whether a failing review gate fails the check (it is reported either way).',
  'review.ignore': 'Globs left out of line review. They are listed in the report, never silently skipped.',
  run: 'The run gate: the commands passed on exactly this content, recorded with `reviewgate run`.',
  'run.required': 'Whether a failing run gate fails the check (it is reported either way).',
  'run.commands': 'Commands run with the shell, in the repository root.',
  tests: 'The tests gate: the tests this change requires exist.',
  'tests.required': 'Whether a failing tests gate fails the check (it is reported either way).',
  'tests.files': 'Globs that identify test files.',
  'tests.rules': 'Source globs and the test files each matching source file requires.',
  'tests.rules.source': 'Glob of source files this rule applies to.',
  'tests.rules.exclude': 'Globs of source files the rule skips.',
  'tests.rules.tests':
    'Test paths required for each source file; {dir} is the folder below the static start of `source`, {name} the file name without extension, {ext} its extension. Any one existing satisfies the rule.',
};

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema };

function describe(node: JsonSchema, path: string): void {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    const text = DESCRIPTIONS[childPath];
    if (text) child.description = text;
    describe(child, childPath);
    if (child.items) describe(child.items, childPath);
  }
}

/** The JSON Schema document, as it is committed (stable key order, trailing newline). */
export function configJsonSchemaText(): string {
  // io 'input': the file as written, where every key is optional and defaults are shown.
  const generated = z.toJSONSchema(configSchema, { io: 'input' }) as JsonSchema;
  describe(generated, '');
  // validateConfig reads a section with every key commented out (`plan:` alone, i.e. null) as
  // that section's defaults; say so here too, or editors would flag a file reviewgate accepts.
  for (const section of Object.values(generated.properties ?? {})) {
    if (section.type === 'object') section.type = ['object', 'null'];
  }
  const { $schema, ...rest } = generated;
  const document = {
    $schema,
    $id: 'https://unpkg.com/reviewgate/schema.json',
    title: 'reviewgate configuration (.reviewgate.yml)',
    description: 'Configuration of reviewgate, the pre-merge review gate. Every key has a default; an empty file is valid.',
    ...rest,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
