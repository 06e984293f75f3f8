import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configJsonSchemaText } from '../../scripts/schema.js';

describe('schema.json', () => {
  const committed = readFileSync(new URL('../../schema.json', import.meta.url), 'utf8');

  it('is what `npm run schema` generates from the zod schema (run it after changing src/config/schema.ts)', () => {
    expect(configJsonSchemaText()).toBe(committed);
  });

  it('describes the file as written: defaults shown, no top-level key required, unknown keys rejected', () => {
    const schema = JSON.parse(committed) as Record<string, unknown> & { properties: Record<string, { default?: unknown }> };
    expect(schema.$id).toBe('https://unpkg.com/reviewgate/schema.json');
    expect(schema.title).toBeTypeOf('string');
    expect(schema.required).toBeUndefined();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.evidence_dir?.default).toBe('.reviewgate');
    expect(schema.properties.version?.default).toBe(1);
  });
});
