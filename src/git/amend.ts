// Is the commit being made an amend? git does not tell the pre-commit hook (githooks(5): the hook
// takes no arguments), yet an amend replaces HEAD: the commit that lands is HEAD's parent plus the
// index, and that is what pre-push and CI will judge. So the hook's check looks at the `git`
// process that started it (through sh, and through hook managers: husky, lefthook, npx), and
// reads its arguments as git's option parser would: `--amend` or any unique prefix of it down to
// `--am`, the last of `--amend`/`--no-amend` winning, nothing after `--`.
import { spawnSync } from 'node:child_process';
import { argvAmends, readProcFs, scanForAmend, type Proc } from './amend-scan.js';

export { argvAmends };

function readProc(pid: number): Proc | null {
  const fromFs = readProcFs(pid);
  if (fromFs) return fromFs;
  // No /proc (macOS, the BSDs): ps prints the parent id and the arguments (split on spaces,
  // which is enough to find an option).
  const out = spawnSync('ps', ['-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  const m = /^\s*(\d+)\s+(.*)$/.exec(out.stdout ?? '');
  if (out.status !== 0 || !m) return null;
  return { argv: (m[2] ?? '').trim().split(/\s+/), parent: Number(m[1]) };
}

/**
 * True when this process runs inside the pre-commit hook of `git commit --amend`. Only looked for
 * when git's hook environment is there (GIT_INDEX_FILE is set for every commit's hooks).
 */
export function inAmendHook(env: NodeJS.ProcessEnv = process.env, start = process.ppid): boolean {
  if (!env.GIT_INDEX_FILE) return false;
  return scanForAmend(start, readProc) === true;
}
