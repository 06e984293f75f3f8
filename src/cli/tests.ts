// `reviewgate tests`: what the tests gate requires for the staged change, and what it found.
import { resolve } from 'node:path';
import { collectChange } from '../check/change.js';
import { readPlan } from '../check/inputs.js';
import { evaluateTestsGate } from '../check/tests.js';
import { loadConfig } from '../config/load.js';
import { GateFailure } from '../errors.js';
import { openRepo } from '../git/repo.js';
import { renderText } from '../report/text.js';
import { styleFor } from './output.js';

export interface TestsFlags {
  format: 'text' | 'json';
  config?: string;
}

export async function testsCommand(flags: TestsFlags): Promise<void> {
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadConfig(repo.root, flags.config ? resolve(cwd, flags.config) : undefined, repo.cacheDir);
  const change = await collectChange(repo, config, { kind: 'staged' });
  const plan = await readPlan(change.reader, config, change, repo.branch);
  const result = await evaluateTestsGate(config, change, plan, repo.cacheDir);
  if (flags.format === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const report = { ok: result.ok, target: { kind: 'staged' as const, base: change.base, head: null }, gates: [result], notes: [], skipped: null };
    process.stdout.write(renderText(report, await styleFor(process.stdout)));
  }
  if (!result.ok && result.required) throw new GateFailure();
}
