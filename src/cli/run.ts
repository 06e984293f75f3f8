// `reviewgate run`: run the configured commands on exactly the staged content and record it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { treeFingerprint } from '../diff/tree.js';
import { GateFailure } from '../errors.js';
import { recordEvidence } from '../evidence/record.js';
import { newRecordId } from '../evidence/store.js';
import type { RunRecord } from '../evidence/types.js';
import { readEvidence } from '../check/inputs.js';
import { isPassing, runRecordsFor } from '../gates/run.js';
import { indexReader, unmergedError } from '../git/content.js';
import { describeState, gitUser, openRepo } from '../git/repo.js';
import { isClean, workTreeDifferences, type WorkTreeDifferences } from '../git/worktree.js';
import { VERSION } from '../version.js';
import { styleFor } from './output.js';

export interface RunFlags {
  config?: string;
  isolated?: boolean;
  range?: string;
  force?: boolean;
  list?: boolean;
}

function listDifferences(d: WorkTreeDifferences): string {
  return [...d.modified.map((p) => `  modified:  ${p}`), ...d.untracked.map((p) => `  untracked: ${p}`)].join('\n');
}

function runShell(command: string, cwd: string): Promise<{ exitCode: number | null; signal: string | null }> {
  return new Promise((done) => {
    const child = spawn(command, { cwd, shell: true, stdio: 'inherit' });
    child.on('error', () => done({ exitCode: 127, signal: null }));
    child.on('close', (code, signal) => done({ exitCode: code, signal }));
  });
}

export async function runCommand(flags: RunFlags): Promise<void> {
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadConfig(repo.root, flags.config ? resolve(cwd, flags.config) : undefined);
  const s = await styleFor(process.stderr);
  const out = (line: string) => process.stderr.write(`${line}\n`);
  if (config.run.commands.length === 0) {
    out('reviewgate run: run.commands is empty in the configuration; nothing to run.');
    return;
  }
  const by = await gitUser(repo.git);
  const reader = await indexReader(repo.git);
  if (reader.unmerged.length > 0) throw unmergedError(reader.unmerged, describeState(repo.state));

  const before = await workTreeDifferences(repo.git, config.evidence_dir);
  if (!isClean(before)) {
    out(s.red('reviewgate run: the work tree differs from the staged content, so a run here would not prove anything about what will be committed:'));
    out(listDifferences(before));
    out(`  fix: stage them (git add <file>), or set them aside (git stash push --keep-index --include-untracked), then run again`);
    throw new GateFailure('work tree differs from the index');
  }

  const fingerprint = treeFingerprint(await reader.entries(), config.evidence_dir);
  const existing = runRecordsFor((await readEvidence(reader, config)).records, fingerprint);
  const records: RunRecord[] = [];
  let failed = 0;
  for (const command of config.run.commands) {
    if (existing.some((r) => r.command === command && isPassing(r))) {
      out(`${s.green('✓')} ${command} ${s.dim('— already passed on this exact content; not run again')}`);
      continue;
    }
    out(s.bold(`▶ ${command}`));
    const started = Date.now();
    const { exitCode, signal } = await runShell(command, repo.root);
    const durationMs = Date.now() - started;
    const after = await workTreeDifferences(repo.git, config.evidence_dir);
    const changed = [...after.modified, ...after.untracked];
    const isVoid = changed.length > 0;
    records.push({
      v: 1,
      type: 'run',
      id: newRecordId(),
      at: new Date(started).toISOString(),
      by,
      tool: VERSION,
      tree: fingerprint,
      command,
      exitCode,
      signal,
      durationMs,
      void: isVoid,
      changed,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    });
    const secs = (durationMs / 1000).toFixed(1);
    if (isVoid) {
      failed += 1;
      out(s.red(`✗ ${command} changed tracked files while running (${changed.join(', ')}): the run is void.`));
      out('  fix: review and stage what it changed (or make the command not write files), then `reviewgate run` again');
      break;
    } else if (exitCode === 0) {
      out(`${s.green('✓')} ${command} ${s.dim(`(${secs}s)`)}`);
    } else {
      failed += 1;
      out(s.red(`✗ ${command} ${signal ? `killed by ${signal}` : `failed with exit ${exitCode}`} (${secs}s)`));
      break;
    }
  }
  const written = await recordEvidence(repo, config, records);
  if (written.length > 0) out(s.dim(`recorded ${records.length} run${records.length === 1 ? '' : 's'} in ${written[0]} (staged)`));
  if (failed > 0) throw new GateFailure('a command failed');
  out(`Next: ${s.bold('reviewgate check')}`);
}
