// The one place that runs ssh-keygen: sign with git's SSH signing key, find the principal of a
// signature and verify it against an allowed-signers file (ssh-keygen(1), "-Y sign|verify|
// find-principals"). Signatures and the allowed-signers file go through a private temporary folder
// because ssh-keygen reads them only from files.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';

const SSH_KEYGEN_HINT = 'install OpenSSH (ssh-keygen 8.2 or newer): apt-get install openssh-client, brew install openssh, or the Windows OpenSSH client';

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function sshKeygen(args: readonly string[], input: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn('ssh-keygen', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') reject(new UserError('ssh-keygen is not installed: signed evidence needs it', SSH_KEYGEN_HINT, { cause: error }));
      else reject(error);
    });
    child.on('close', (code) => resolve({ code: code ?? 255, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

async function withTemp<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'reviewgate-ssh-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Signs `message` with the key (a key file, or a public key whose private half is in ssh-agent). */
export async function sshSign(keyFile: string, namespace: string, message: string): Promise<string> {
  const r = await sshKeygen(['-q', '-Y', 'sign', '-f', keyFile, '-n', namespace], message);
  if (r.code !== 0 || !r.stdout.includes('BEGIN SSH SIGNATURE')) {
    throw new UserError(`ssh-keygen could not sign with ${keyFile}: ${r.stderr.trim() || `exit ${r.code}`}`, 'check git config user.signingkey (and ssh-add, when it names a public key)');
  }
  return r.stdout.trim();
}

export type SshVerdict = { ok: true; principal: string } | { ok: false; reason: string };

/**
 * Verifies `signature` over `message` in `namespace` for `principal` against the allowed signers.
 * First asks which principals the key belongs to, so "a key not in the file" and "a signature that
 * does not verify" are told apart.
 */
export async function sshVerify(allowedSigners: string, principal: string, namespace: string, message: string, signature: string): Promise<SshVerdict> {
  return withTemp(async (dir) => {
    const signers = join(dir, 'allowed_signers');
    const sig = join(dir, 'sig');
    await Promise.all([writeFile(signers, allowedSigners), writeFile(sig, `${signature}\n`)]);
    const found = await sshKeygen(['-Y', 'find-principals', '-s', sig, '-f', signers], '');
    const principals = found.code === 0 ? found.stdout.split('\n').map((l) => l.trim()).filter(Boolean) : [];
    if (principals.length === 0) return { ok: false, reason: 'signed by a key that is not in the allowed-signers file' };
    if (!principals.includes(principal)) return { ok: false, reason: `signed by the key of ${principals.join(', ')}, not of ${principal}` };
    const verified = await sshKeygen(['-Y', 'verify', '-f', signers, '-I', principal, '-n', namespace, '-s', sig], message);
    if (verified.code !== 0) return { ok: false, reason: `the signature does not verify for namespace ${namespace} (the signed records or the signature were altered, or it was made in another namespace)` };
    return { ok: true, principal };
  });
}

/** The public key of a key file (`ssh-keygen -y`), or the file itself when it is a public key. */
export async function publicKeyOf(keyFile: string, text: string): Promise<string> {
  if (/^(ssh-|ecdsa-|sk-)/.test(text.trim())) return text.trim().split(/\s+/).slice(0, 2).join(' ');
  const r = await sshKeygen(['-y', '-f', keyFile], '');
  if (r.code !== 0) throw new UserError(`ssh-keygen could not read the public key of ${keyFile}: ${r.stderr.trim()}`, 'check git config user.signingkey');
  return r.stdout.trim().split(/\s+/).slice(0, 2).join(' ');
}
