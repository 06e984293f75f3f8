// The SSH key git already signs commits with: `gpg.format ssh` and `user.signingkey`, which is a
// path to a key file (private, or public with the private half in ssh-agent) or `key::<public key>`
// (git-config(1), user.signingKey).
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { configValue } from '../git/config.js';
import type { Git } from '../git/exec.js';

const SETUP = 'git config gpg.format ssh && git config user.signingkey ~/.ssh/id_ed25519.pub';

export interface SigningKey {
  /** A file ssh-keygen -f accepts. */
  readonly file: string;
  /** Its text (a public key file's line, or a private key). */
  readonly text: string;
}

export async function signingKey(git: Git, root: string): Promise<SigningKey> {
  const [format, key] = await Promise.all([configValue(git, 'gpg.format'), configValue(git, 'user.signingkey')]);
  if (format !== 'ssh' || !key) {
    throw new UserError(`evidence.sign is ssh, but git has no SSH signing key (gpg.format is ${format || 'unset'}, user.signingkey is ${key || 'unset'})`, SETUP);
  }
  if (key.startsWith('key::')) {
    const dir = await mkdtemp(join(tmpdir(), 'reviewgate-key-'));
    const file = join(dir, 'key.pub');
    const text = `${key.slice(5).trim()}\n`;
    await writeFile(file, text, { mode: 0o600 });
    return { file, text };
  }
  const expanded = key.startsWith('~/') ? join(homedir(), key.slice(2)) : key;
  const file = isAbsolute(expanded) ? expanded : resolve(root, expanded);
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UserError(`cannot read git's signing key ${file}`, SETUP, { cause: error });
  });
  return { file, text };
}
