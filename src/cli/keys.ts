// `reviewgate keys add`: append the public half of git's SSH signing key to the allowed-signers
// file, for the principal git knows you as, limited to reviewgate's namespaces. The line takes
// effect once it has landed on the base (it is reviewed like any change to the trust file).
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../evidence/store.js';
import { gitUser, openRepo } from '../git/repo.js';
import { stagePaths } from '../git/worktree.js';
import { signingKey } from '../sign/key.js';
import { publicKeyOf } from '../sign/ssh.js';
import { guardPerson } from '../agent/guard.js';

export async function keysAddCommand(flags: { config?: string }): Promise<void> {
  const cwd = process.cwd();
  const repo = await openRepo(cwd);
  const { config } = await loadConfig(repo.root, flags.config ? resolve(cwd, flags.config) : undefined);
  // Trusting a key is a person's decision; an agent adding its own would sign for them.
  guardPerson({ what: 'trusting a signing key', command: 'reviewgate keys add', agentKey: 'review.agent', agentPolicy: config.review.agent, env: process.env, warn: (l) => process.stderr.write(`${l}\n`) });
  const { email } = await gitUser(repo.git);
  if (!email) throw new UserError('git has no user.email: the allowed-signers line names you by it', 'git config user.email you@example.com');
  const key = await signingKey(repo.git, repo.root);
  const pub = await publicKeyOf(key.file, key.text);
  const rel = config.evidence.allowed_signers;
  const file = join(repo.root, rel);
  const current = await readFile(file, 'utf8').catch(() => '');
  if (current.split('\n').some((l) => l.includes(pub) && l.trim().startsWith(`${email} `))) {
    process.stdout.write(`${rel} already lists this key for ${email}.\n`);
    return;
  }
  const line = `${email} namespaces="reviewgate-*" ${pub}\n`;
  await writeFileAtomic(file, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${line}`);
  await stagePaths(repo.git, [rel]);
  process.stdout.write(`Added ${email}'s key to ${rel} (staged). It is trusted once this commit has landed on the base; commit it on its own and have it reviewed.\n`);
}
