// `reviewgate run --verify` (for CI): run the configured commands again on exactly the judged tree,
// in a temporary worktree, and compare with the run records: a recorded pass that does not
// reproduce is a finding. Records nothing. `check` itself never runs project commands; this is the
// command a CI job adds beside it so that a forged or stale run record is caught even without
// signatures.
import type { Config } from '../config/schema.js';
import { readEvidence } from '../change/inputs.js';
import { GateFailure } from '../errors.js';
import { isPassing, runRecordsFor } from '../gates/run.js';
import { commitReader, indexReader } from '../git/content.js';
import type { Repo } from '../git/repo.js';
import { resolveRange } from '../git/target.js';
import { outcomeState } from '../run/outcome.js';
import { acquireRunLock } from '../run/lock.js';
import { removeStaleTrees } from '../run/isolated.js';
import type { Style } from '../report/style.js';
import { isolatedSettings, judgedTree, runAll } from './run.js';

const out = (line: string) => process.stderr.write(`${line}\n`);

export async function verifyRuns(repo: Repo, config: Config, range: string | undefined, s: Style): Promise<void> {
  const judged = await judgedTree(repo, config, range);
  // The records that travel with what is judged: the range's last commit, or the index.
  const reader = range ? await commitReader(repo.git, (await resolveRange(repo.git, range)).head) : await indexReader(repo.git);
  const records = runRecordsFor((await readEvidence(reader, config)).records, judged.fingerprint);
  const claimed = new Set(records.filter(isPassing).map((r) => r.command));
  if (config.run.commands.length === 0) {
    out('reviewgate run --verify: run.commands is empty; nothing to verify.');
    return;
  }
  const releaseLock = await acquireRunLock(repo.gitDir);
  let problems = 0;
  try {
    await removeStaleTrees(repo.git, repo.commonDir);
    const settings = isolatedSettings(config);
    out(s.dim(`verifying the run records of ${judged.what} (tree ${judged.fingerprint.slice(0, 12)}) by running each command again in a temporary worktree`));
    const { outcomes, interrupted } = await runAll(repo, config, [...config.run.commands], { setup: settings.setup, link: settings.link, commit: judged.commit }, s);
    if (interrupted) throw new GateFailure('interrupted');
    for (const command of config.run.commands) {
      const o = outcomes.find((x) => x.command === command);
      const state = o ? outcomeState(o) : 'failed';
      const recorded = claimed.has(command);
      if (state === 'passed') {
        out(`${s.green('✓')} ${command} ${s.dim(recorded ? '— reproduced the recorded pass' : '— passed here; no run record claims it')}`);
        continue;
      }
      problems += 1;
      out(recorded
        ? s.red(`✗ ${command} — a run record claims it passed on this tree, but it ${state === 'void' ? 'changed tracked files' : 'failed'} here: the recorded pass is not reproducible`)
        : s.red(`✗ ${command} — ${state === 'void' ? 'changed tracked files' : 'failed'} on the judged tree`));
    }
  } finally {
    await releaseLock();
  }
  if (problems > 0) throw new GateFailure('a recorded run could not be reproduced');
  out('Every command passes on the judged tree.');
}
