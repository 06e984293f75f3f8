// Finding `git commit --amend` above this process by reading /proc (Linux) — no child process,
// so the verdict cache's key (src/verdict/key.ts) can ask it on every commit. src/git/amend.ts
// adds the `ps` fallback for systems without /proc.
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

export interface Proc {
  readonly argv: string[];
  readonly parent: number;
}

/** A process's arguments and parent from /proc; null where there is no /proc or no such process. */
export function readProcFs(pid: number): Proc | null {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0$/, '').split('\0');
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { argv, parent };
  } catch {
    return null;
  }
}

const isGit = (argv0: string | undefined) => argv0 !== undefined && /^git(?:\.exe)?$/.test(basename(argv0));

/**
 * Walks up from `start` to the `git ... commit` process (through sh and hook managers) and says
 * whether it amends; null when a process on the way cannot be read.
 */
export function scanForAmend(start: number, read: (pid: number) => Proc | null): boolean | null {
  let pid = start;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const proc = read(pid);
    if (!proc) return null;
    if (isGit(proc.argv[0]) && proc.argv.includes('commit')) return argvAmends(proc.argv);
    pid = proc.parent;
  }
  return false;
}
