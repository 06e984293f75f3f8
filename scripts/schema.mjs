// Writes schema.json (the JSON Schema of .reviewgate.yml) at the repository root from the zod
// schema in src/config/schema.ts. The schema is TypeScript, so scripts/schema.ts is bundled with
// esbuild into a temporary module first. Run with `npm run schema`; a unit test fails when the
// committed file is out of date.
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'reviewgate-schema-'));
try {
  const outfile = join(dir, 'schema.mjs');
  await build({
    entryPoints: [join(root, 'scripts/schema.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.12',
    logLevel: 'warning',
  });
  const { configJsonSchemaText } = await import(pathToFileURL(outfile).href);
  await writeFile(join(root, 'schema.json'), configJsonSchemaText());
  console.log('wrote schema.json');
} finally {
  await rm(dir, { recursive: true, force: true });
}
