// Bundles scripts/measure-keys.ts (it imports the TypeScript sources) and runs it; arguments pass
// through: node scripts/measure-keys.mjs <repository> [commits] [upstream].
import { build } from 'esbuild';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'reviewgate-measure-build-'));
try {
  const outfile = join(dir, 'measure.mjs');
  await build({ entryPoints: [join(root, 'scripts/measure-keys.ts')], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20.12', logLevel: 'warning', external: ['zod', 'yaml', '@babel/parser'] });
  await import(pathToFileURL(outfile).href);
} finally {
  await rm(dir, { recursive: true, force: true });
}
