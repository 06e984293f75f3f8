// Bundles src/cli/main.ts into dist/. One bundle (with lazily loaded chunks for the heavier
// commands) starts much faster than hundreds of separate node_modules files: `reviewgate check`
// runs on every commit and must stay within twice the start-up time of `node -e 0`.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
await rm(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  minify: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  define: {
    __REVIEWGATE_VERSION__: JSON.stringify(pkg.version),
    __REVIEWGATE_BUILD__: JSON.stringify(`${pkg.version}-${Date.now().toString(36)}`),
  },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __rgCreateRequire } from 'node:module'; const require = __rgCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
