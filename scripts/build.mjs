// Builds dist/cli.cjs: one bundle of src/cli/main.ts. `reviewgate check` runs on every commit
// and must stay within twice the start-up time of `node -e 0`, so:
// - one file rather than hundreds of node_modules files (module resolution and loading);
// - CommonJS, so bin/reviewgate.js can compile it through a V8 code cache (Node 20 has no
//   module.enableCompileCache) — commands imported with import() are wrapped lazily by esbuild;
// - the two large parsers (yaml, @babel/parser) stay external, loaded from node_modules only by
//   the rare paths that need them (a changed config or plan, an unparsed test file); so does the
//   word diff (diff, diff2html), which only `review` loads;
// - the AI advisor (the Anthropic SDK, secretlint, full zod) is a bundle of its own,
//   dist/advisor.cjs, required only by the commands that ask it: `check` never loads it.
//   secretlint is ESM-only and Node 20.12 cannot require() ESM, so it is bundled, not external.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Remove what older build layouts left (they would be packed), but never the bundle itself:
// the bundle is overwritten in place so a concurrent run of the bin never finds it missing.
await rm(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });
await rm(new URL('../dist/cli.js', import.meta.url), { force: true });
await rm(new URL('../dist/cli.js.map', import.meta.url), { force: true });
// secretlint (ES modules only, and large) is bundled apart into dist/secretlint.cjs, loaded by
// `run` alone: the main bundle requires it by path, so `check` never parses it.
const secretlintApart = {
  name: 'secretlint-apart',
  setup(b) {
    b.onResolve({ filter: /\/secretlint\.js$/ }, () => ({ path: './secretlint.cjs', external: true }));
  },
};
await build({
  entryPoints: ['src/secrets/secretlint.ts'],
  outfile: 'dist/secretlint.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.12',
  minify: true,
  logLevel: 'warning',
});
await rm(new URL('../dist/advisor.cjs.map', import.meta.url), { force: true });
// src/cli/advisor.ts imports ../advisor/index.js; in the CLI bundle that becomes a require of
// the separate bundle beside it.
const advisorApart = {
  name: 'advisor-apart',
  setup(b) {
    b.onResolve({ filter: /\/advisor\/index\.js$/ }, (args) => (args.importer.includes('/src/cli/') ? { path: './advisor.cjs', external: true } : undefined));
  },
};
await build({
  entryPoints: ['src/advisor/index.ts'],
  outfile: 'dist/advisor.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.12',
  minify: true,
  // No source map: it would add 7 MB (the SDK's and secretlint's sources) to the package.
  logLevel: 'warning',
});
// The fast path of `check` (src/verdict/fast.ts): a cached verdict answered before the main
// bundle is even read. Node built-ins only; the same build id as the main bundle, whose full
// checks write the entries it reads.
const BUILD = `${pkg.version}-${Date.now().toString(36)}`;
await build({
  entryPoints: ['src/verdict/fast.ts'],
  outfile: 'dist/verdict.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.12',
  minify: true,
  define: { __REVIEWGATE_VERSION__: JSON.stringify(pkg.version), __REVIEWGATE_BUILD__: JSON.stringify(BUILD) },
  logLevel: 'warning',
});
await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.12',
  minify: true,
  sourcemap: 'linked',
  // diff2html is never bundled: the review page serves its browser files, found in node_modules.
  external: ['yaml', '@babel/parser', 'diff2html'],
  plugins: [secretlintApart, advisorApart],
  // import() of the externals becomes require(): a script compiled with vm.Script has no
  // dynamic-import callback.
  supported: { 'dynamic-import': false },
  define: {
    __REVIEWGATE_VERSION__: JSON.stringify(pkg.version),
    __REVIEWGATE_BUILD__: JSON.stringify(BUILD),
  },
  logLevel: 'warning',
});
