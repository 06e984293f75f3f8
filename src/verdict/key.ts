// The key of a cached `check` judgement: a hash of everything a staged check's verdict depends
// on, read without starting git (the point is to answer before git or the main bundle is loaded).
//
// A staged check judges the index against HEAD by HEAD's rules, so its report is a function of:
// the staged entries of the index (every path, mode and blob id: the change, its evidence, plans,
// tests and configuration as staged), HEAD (its commit id names the whole committed history and
// HEAD's rules; the branch name names the plan file), the repository's state files (merge,
// rebase, cherry-pick), the git configuration files, the work tree's `.reviewgate.yml` (a note
// says when it differs), the environment variables reviewgate or git read, whether the commit
// being made is an amend, which gates were asked for, and reviewgate's own build. Each is hashed
// here. How the report is printed (format, colour, the hook's one line) is not part of the key:
// the report is kept and printed afresh, so the hook's check reuses a check run by hand.
// Anything this reader cannot pin down exactly (GIT_DIR set, reftable refs, replace refs, grafts,
// configuration includes, a split index) makes the check uncacheable and it simply runs.
//
// The key only has to be deterministic, not to agree with git: an entry exists only where a full
// check with the same key wrote it, so a wrong guess here costs a miss, never a wrong verdict.
// Pure Node built-ins only: it is bundled on its own into dist/verdict.cjs for bin/reviewgate.js.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { CONFIG_FILE } from '../config/file.js';
import { readProcFs, scanForAmend } from '../git/amend-scan.js';

/** Bump when the key's inputs or the entry's shape change. */
const KEY_VERSION = 'reviewgate-verdict-v2';

// The environment that can change a judgement: git's variables (configuration, object and diff
// settings) and reviewgate's, and where git finds the user's configuration.
const ENV_EXACT = ['HOME', 'XDG_CONFIG_HOME', 'EMAIL'];
const ENV_PREFIXES = ['GIT_', 'REVIEWGATE_'];
// Not part of it: REVIEWGATE_TIMING adds phase lines to stderr; what git sets for its hooks (the
// index, read by content below; its exec path and the hook's subfolder; the editor; the commit's
// names and dates, a new date every second); the author's email is checked apart, only when the
// judgement used it (review.rules with distinct_from_author: see VerdictEntry.author).
const ENV_IGNORED = new Set([
  'REVIEWGATE_TIMING',
  'REVIEWGATE_NO_CACHE',
  'GIT_INDEX_FILE',
  'GIT_EXEC_PATH',
  'GIT_PREFIX',
  'GIT_EDITOR',
  'GIT_REFLOG_ACTION',
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_COMMITTER_DATE',
]);

export interface VerdictContext {
  /** What is asked beyond the repository's content: the command and its judging options. */
  readonly judgement: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly build: string;
}

export interface VerdictKey {
  readonly key: string;
  /** Where entries live: `<common git dir>/reviewgate/verdicts`. */
  readonly dir: string;
}

// Most files asked for do not exist (MERGE_HEAD, shallow, config.worktree, ...): a stat that
// returns nothing is much cheaper than the exception a failed read throws.
function exists(path: string): ReturnType<typeof statSync> | undefined {
  return statSync(path, { throwIfNoEntry: false });
}

function read(path: string): Buffer | null {
  if (!exists(path)) return null;
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

class Uncacheable extends Error {}

/** The git dir and common dir for `cwd`, found as git does in the ordinary layouts; null otherwise. */
function findGitDirs(cwd: string, env: NodeJS.ProcessEnv): { gitDir: string; commonDir: string; top: string } | null {
  // An explicit GIT_DIR / GIT_WORK_TREE / GIT_COMMON_DIR means a layout this reader does not model.
  if (env.GIT_DIR !== undefined || env.GIT_WORK_TREE !== undefined || env.GIT_COMMON_DIR !== undefined || env.GIT_CEILING_DIRECTORIES !== undefined) return null;
  let dir = resolve(cwd);
  for (;;) {
    const dotGit = join(dir, '.git');
    const isDir = exists(dotGit)?.isDirectory() ?? null;
    if (isDir === true) return { gitDir: dotGit, commonDir: commonOf(dotGit), top: dir };
    if (isDir === false) {
      const text = read(dotGit)?.toString('utf8') ?? '';
      const m = /^gitdir: (.+)$/m.exec(text);
      if (!m) return null;
      const gitDir = resolve(dir, (m[1] as string).trim());
      return { gitDir, commonDir: commonOf(gitDir), top: dir };
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

function commonOf(gitDir: string): string {
  const text = read(join(gitDir, 'commondir'))?.toString('utf8').trim();
  if (!text) return gitDir;
  return isAbsolute(text) ? text : resolve(gitDir, text);
}

/** HEAD as text plus the commit it names (or "unborn"). */
function headOf(gitDir: string, commonDir: string): string {
  const head = read(join(gitDir, 'HEAD'))?.toString('utf8').trim();
  if (!head) throw new Uncacheable('no HEAD');
  if (!head.startsWith('ref: ')) return `detached ${head}`;
  const ref = head.slice(5);
  if (!/^refs\/[A-Za-z0-9._/-]+$/.test(ref) || ref.includes('..')) throw new Uncacheable('unusual ref');
  // Per-worktree refs (rare) would live in gitDir; ordinary branches live in the common dir.
  const loose = read(join(commonDir, ref))?.toString('utf8').trim();
  if (loose !== undefined) {
    if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(loose)) throw new Uncacheable('symbolic or unreadable ref');
    return `${ref} ${loose}`;
  }
  const packed = packedRefs(commonDir);
  const line = packed.split('\n').find((l) => l.endsWith(` ${ref}`));
  return line ? `${ref} ${line.split(' ')[0]}` : `${ref} unborn`;
}

function packedRefs(commonDir: string): string {
  return read(join(commonDir, 'packed-refs'))?.toString('utf8') ?? '';
}

/** The configuration files git reads (system, global, repository, worktree), by content. */
function configFiles(env: NodeJS.ProcessEnv, gitDir: string, commonDir: string): string[] {
  const home = env.HOME ?? '';
  const xdg = env.XDG_CONFIG_HOME || join(home, '.config');
  const files = [
    env.GIT_CONFIG_NOSYSTEM ? null : (env.GIT_CONFIG_SYSTEM ?? '/etc/gitconfig'),
    env.GIT_CONFIG_GLOBAL ?? join(home, '.gitconfig'),
    env.GIT_CONFIG_GLOBAL === undefined ? join(xdg, 'git', 'config') : null,
    join(commonDir, 'config'),
    join(gitDir, 'config.worktree'),
  ];
  return files.filter((f): f is string => f !== null && f !== '');
}

/** The verdict key of a staged check in this context, or null when it cannot be cached. */
export function verdictKey(ctx: VerdictContext): VerdictKey | null {
  const { env } = ctx;
  if (env.REVIEWGATE_NO_CACHE === '1') return null;
  const dirs = findGitDirs(ctx.cwd, env);
  if (!dirs) return null;
  const { gitDir, commonDir } = dirs;
  try {
    const hash = createHash('sha256');
    const part = (name: string, value: string | Buffer | null) => {
      hash.update(`${name}\0`);
      if (value === null) hash.update('\u0001absent');
      else {
        hash.update(`${value.length}\0`);
        hash.update(value);
      }
      hash.update('\0');
    };
    part('version', KEY_VERSION);
    part('build', ctx.build);
    part('judgement', ctx.judgement);
    part('work tree', dirs.top);
    const names = Object.keys(env)
      .filter((k) => (ENV_EXACT.includes(k) || ENV_PREFIXES.some((p) => k.startsWith(p))) && !ENV_IGNORED.has(k))
      .sort();
    for (const k of names) part(`env ${k}`, env[k] ?? '');
    // Inside the pre-commit hook of `git commit --amend` the check judges against HEAD's parent.
    // (Read from /proc only: where there is none, a hook's check is not cached.)
    const amend = env.GIT_INDEX_FILE === undefined ? false : scanForAmend(process.ppid, readProcFs);
    if (amend === null) throw new Uncacheable('cannot tell an amend');
    part('amend', String(amend));
    if (existsDir(join(commonDir, 'reftable'))) throw new Uncacheable('reftable');
    part('HEAD', headOf(gitDir, commonDir));
    const packed = packedRefs(commonDir);
    if (packed.includes(' refs/replace/') || nonEmptyDir(join(commonDir, 'refs', 'replace'))) throw new Uncacheable('replace refs');
    if (read(join(commonDir, 'info', 'grafts')) !== null) throw new Uncacheable('grafts');
    part('shallow', read(join(commonDir, 'shallow')));
    for (const name of ['MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'BISECT_LOG']) part(name, read(join(gitDir, name)));
    for (const name of ['rebase-merge', 'rebase-apply']) part(name, existsDir(join(gitDir, name)) ? 'yes' : null);
    const configs: string[] = [];
    for (const file of configFiles(env, gitDir, commonDir)) {
      const text = read(file);
      if (text !== null && /\[\s*include/i.test(text.toString('utf8'))) throw new Uncacheable('configuration includes');
      if (text !== null) configs.push(text.toString('utf8'));
      part(`config ${file}`, text);
    }
    // A staged check notes when the work tree's configuration differs from the one in force.
    part('work tree config', read(join(dirs.top, CONFIG_FILE)));
    // The index git points at: GIT_INDEX_FILE (relative to the working folder, as git reads it).
    const index = read(env.GIT_INDEX_FILE ? resolve(ctx.cwd, env.GIT_INDEX_FILE) : join(gitDir, 'index'));
    const sha256 = configs.some((text) => /^\s*objectformat\s*=\s*sha256\s*$/im.test(text));
    part('index', index === null ? null : indexContent(index, sha256 ? 32 : 20));
    return { key: hash.digest('hex'), dir: join(commonDir, 'reviewgate', 'verdicts') };
  } catch (error) {
    if (error instanceof Uncacheable) return null;
    throw error;
  }
}

function existsDir(path: string): boolean {
  return exists(path)?.isDirectory() === true;
}

function nonEmptyDir(path: string): boolean {
  return existsDir(path) && readdirSync(path).length > 0;
}

/**
 * What the index says is staged, without the file-system data git keeps beside it: the index file
 * (format v2, v3 or v4: gitformat-index(5)) up to the end of its entries, with each entry's stat
 * fields (times, device, inode, owner, size) zeroed. What is left per entry is its mode, object
 * id, flags (stage, intent-to-add, skip-worktree) and path. The stat fields, the cached trees and
 * the untracked cache change when git merely refreshes the index (as `git status` and
 * `git commit` do), which must not void a verdict. A split index (its entries partly in another
 * file) is not read: uncacheable. Two native calls per entry: this runs on every commit.
 */
// The typed array's own fill (a V8 builtin), not Buffer's, whose argument checks cost more
// than the zeroing when called once per entry of a large index.
const zero = Uint8Array.prototype.fill;

export function indexContent(buf: Buffer, oidLength: 20 | 32): Buffer {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') throw new Uncacheable('not an index');
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) throw new Uncacheable(`index version ${version}`);
  const count = buf.readUInt32BE(8);
  const out = Buffer.from(buf);
  let pos = 12;
  for (let i = 0; i < count; i++) {
    const flagsAt = pos + 40 + oidLength;
    if (flagsAt + 2 > out.length) throw new Uncacheable('malformed index');
    zero.call(out, 0, pos, pos + 24); // ctime, mtime, dev, ino
    zero.call(out, 0, pos + 28, pos + 40); // uid, gid, size (the mode stays)
    const flags = ((out[flagsAt] as number) << 8) | (out[flagsAt + 1] as number);
    let at = flagsAt + 2;
    if (flags & 0x4000) {
      if (version < 3) throw new Uncacheable('extended flags in a version 2 index');
      at += 2;
    }
    if (version === 4) {
      // A varint (how much of the previous path to drop), then the rest of the path and a NUL.
      while (((out[at++] as number) & 128) !== 0) {
        if (at >= out.length) throw new Uncacheable('malformed index');
      }
      const end = out.indexOf(0, at);
      if (end < 0) throw new Uncacheable('malformed index');
      pos = end + 1;
    } else {
      // The path's length is in the flags (0xFFF: that long or longer); then 1 to 8 NULs of padding.
      const length = flags & 0xfff;
      const end = length < 0xfff ? at + length : out.indexOf(0, at + 0xfff);
      if (end < 0 || out[end] !== 0) throw new Uncacheable('malformed index');
      pos += (end - pos + 8) & ~7;
    }
  }
  if (pos > out.length - oidLength) throw new Uncacheable('malformed index');
  // Extensions: each a 4-byte signature and a 4-byte size, up to the trailing checksum.
  for (let ext = pos; ext + 8 <= buf.length - oidLength; ext += 8 + buf.readUInt32BE(ext + 4)) {
    if (buf.toString('latin1', ext, ext + 4) === 'link') throw new Uncacheable('split index');
  }
  return out.subarray(0, pos);
}
