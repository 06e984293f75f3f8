// `reviewgate verify`: every evidence record of the target with the verdict of its signature,
// for CI logs and audits. Exit 0 when every record verifies, 1 when one does not.
import { resolve } from 'node:path';
import { collectChange } from '../change/change.js';
import { readEvidence } from '../change/inputs.js';
import { locateRecords, trustBase } from '../change/signatures.js';
import { loadConfig } from '../config/load.js';
import { GateFailure } from '../errors.js';
import { readFileAt } from '../git/file-at.js';
import { openRepo } from '../git/repo.js';
import { judgeSignatures } from '../sign/verify.js';
import { styleFor } from './output.js';

export interface VerifyFlags {
  range?: string;
  format: 'text' | 'json';
  config?: string;
}

export async function verifyCommand(flags: VerifyFlags): Promise<void> {
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadConfig(repo.root, flags.config ? resolve(cwd, flags.config) : undefined, repo.cacheDir);
  const change = await collectChange(repo, config, flags.range ? { kind: 'range', spec: flags.range } : { kind: 'staged' });
  const evidence = await readEvidence(change.reader, config);
  const path = config.evidence.allowed_signers;
  const base = trustBase(repo, change);
  const allowed = await readFileAt(repo.git, base, path);
  const verdicts = await judgeSignatures(evidence.records, allowed, path, repo.cacheDir);
  const where = await locateRecords(change.reader, evidence.files, [...verdicts.keys()]);
  const rows = [...verdicts].map(([r, v]) => ({ id: r.id, type: r.type, by: r.by.email || r.by.name, at: r.at, ok: v.ok, principal: v.principal, reason: v.reason, ...where.get(r) }));
  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify({ ok: rows.every((r) => r.ok), allowed_signers: { path, commit: base, found: allowed !== null }, records: rows }, null, 2)}\n`);
  } else {
    const s = await styleFor(process.stdout);
    process.stdout.write(`Signatures checked against ${path} at ${base ? base.slice(0, 12) : '(no base)'}${allowed === null ? s.red(' — not found there') : ''}\n`);
    for (const r of rows) {
      const at = r.file ? `${r.file}:${r.line} ` : '';
      process.stdout.write(`${r.ok ? s.green('verified') : s.red('rejected')} ${at}${r.type} ${r.id} by ${r.by}${r.ok ? ` (signed by ${r.principal})` : `: ${r.reason}`}\n`);
    }
    if (rows.length === 0) process.stdout.write('No evidence records.\n');
  }
  if (!rows.every((r) => r.ok)) throw new GateFailure('a record does not verify');
  if (flags.format !== 'json' && rows.length > 0) process.stdout.write('Every record verifies.\n');
}
