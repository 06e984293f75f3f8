// Is the commit being made an amend? git does not tell the pre-commit hook (githooks(5): the hook
// takes no arguments), yet an amend replaces HEAD: the commit that lands is HEAD's parent plus the
// index, and that is what pre-push and CI will judge. So the hook's check looks at the `git`
// process that started it (through sh, and through hook managers: husky, lefthook, npx), and
// reads its arguments as git's option parser would: `--amend` or any unique prefix of it down to
// `--am`, the last of `--amend`/`--no-amend` winning, nothing after `--`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** True when these arguments (of a `git ... commit ...` process) ask for an amend. */
export function argvAmends(argv: readonly string[]): boolean {
  const commitAt = argv.indexOf('commit');
  if (commitAt < 0) return false;
  let amend = false;
  for (const arg of argv.slice(commitAt + 1)) {
    if (arg === '--') break;
    if (/^--am(?:e(?:n(?:d)?)?)?$/.test(arg)) amend = true;
    else if (/^--no-am(?:e(?:n(?:d)?)?)?$/.test(arg)) amend = false;
  }
  return amend;
}

interface Proc {
  readonly argv: string[];
  readonly parent: number;
}

function readProc(pid: number): Proc | null {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { argv, parent };
  } catch {
    // No /proc (macOS, the BSDs): ps prints the parent id and the arguments (split on spaces,
    // which is enough to find an option).
    const out = spawnSync('ps', ['-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    const m = /^\s*(\d+)\s+(.*)$/.exec(out.stdout ?? '');
    if (out.status !== 0 || !m) return null;
    return { argv: (m[2] ?? '').trim().split(/\s+/), parent: Number(m[1]) };
  }
}

const isGit = (argv0: string | undefined) => argv0 !== undefined && /^git(?:\.exe)?$/.test(basename(argv0));

/**
 * True when this process runs inside the pre-commit hook of `git commit --amend`. Only looked for
 * when git's hook environment is there (GIT_INDEX_FILE is set for every commit's hooks).
 */
export function inAmendHook(env: NodeJS.ProcessEnv = process.env, start = process.ppid): boolean {
  if (!env.GIT_INDEX_FILE) return false;
  let pid = start;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const proc = readProc(pid);
    if (!proc) return false;
    if (isGit(proc.argv[0]) && proc.argv.includes('commit')) return argvAmends(proc.argv);
    pid = proc.parent;
  }
  return false;
}
