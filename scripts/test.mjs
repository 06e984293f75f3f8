// Runs the whole vitest suite and ends with one plain summary line ("tests: N passed, N failed")
// that any CI log reader can find. Exits with vitest's own exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'reviewgate-vitest-'));
const out = join(dir, 'results.json');
const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)];
const result = spawnSync('npx', args, { stdio: 'inherit' });
let summary = 'tests: results unavailable';
try {
  const json = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  summary = `tests: ${json.numPassedTests} passed, ${json.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
} catch {
  // vitest crashed before writing results; its exit code below tells the story.
}
rmSync(dir, { recursive: true, force: true });
console.log(summary);
process.exit(result.status ?? 1);
