// The reviewgate command line: the bundle's entry (scripts/build.mjs). Everything else is in
// entry.ts, which can be imported without running anything.
import { runCli } from './entry.js';

export { buildProgram, runCli } from './entry.js';

export function main(argv: readonly string[]): Promise<number> {
  return runCli(argv);
}

// No top-level await: the bundle is loaded as a classic script through a V8 code cache (bin/).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
