// Builds dist/cli.cjs: one bundle of src/cli/main.ts. `reviewgate check` runs on every commit
// and must stay within twice the start-up time of `node -e 0`, so:
// - one file rather than hundreds of node_modules files (module resolution and loading);
// - CommonJS, so bin/reviewgate.js can compile it through a V8 code cache (Node 20 has no
//   module.enableCompileCache) — commands imported with import() are wrapped lazily by esbuild;
// - the two large parsers (yaml, @babel/parser) stay external, loaded from node_modules only by
//   the rare paths that need them (a changed config or plan, an unparsed test file); so does the
//   word diff (diff), which only `review` loads.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Remove what older build layouts left (they would be packed), but never the bundle itself:
// the bundle is overwritten in place so a concurrent run of the bin never finds it missing.
await rm(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });
await rm(new URL('../dist/cli.js', import.meta.url), { force: true });
await rm(new URL('../dist/cli.js.map', import.meta.url), { force: true });
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.12',
  minify: true,
  sourcemap: 'linked',
  external: ['yaml', '@babel/parser', 'diff', 'diff2html'],
  // import() of the externals becomes require(): a script compiled with vm.Script has no
  // dynamic-import callback.
  supported: { 'dynamic-import': false },
  define: {
    __REVIEWGATE_VERSION__: JSON.stringify(pkg.version),
    __REVIEWGATE_BUILD__: JSON.stringify(`${pkg.version}-${Date.now().toString(36)}`),
  },
  logLevel: 'warning',
});
