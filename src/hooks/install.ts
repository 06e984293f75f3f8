// Installing, removing and inspecting reviewgate's hook files in a hooks directory. A hook that
// was already there is never lost: it moves to `<hook>.reviewgate-chained`, our hook runs it
// first, and uninstall moves it back (a rename keeps its mode and, for a symlink, the link).
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { CHAINED_SUFFIX, hookScript, isReviewgateHook, type HookName } from './script.js';

export type InstallResult = 'installed' | 'chained' | 'unchanged' | 'updated';
export type UninstallResult = 'removed' | 'restored' | 'absent' | 'foreign';

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The file's text when it is (or links to) a readable regular file, else null. */
function textOf(path: string): string | null {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : null;
  } catch {
    return null;
  }
}

function ours(path: string): boolean {
  const stat = lstatOrNull(path);
  // A symlink is somebody else's arrangement even when it points at a file of ours.
  if (!stat || stat.isSymbolicLink()) return false;
  const text = textOf(path);
  return text !== null && isReviewgateHook(text);
}

function writeHook(path: string, hook: HookName): void {
  // Write beside it and rename, so git never runs a half-written hook.
  const temp = `${path}.reviewgate-tmp`;
  writeFileSync(temp, hookScript(hook), { mode: 0o755 });
  chmodSync(temp, 0o755);
  renameSync(temp, path);
}

export function installHook(dir: string, hook: HookName): InstallResult {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, hook);
  const chained = `${path}${CHAINED_SUFFIX}`;
  const stat = lstatOrNull(path);
  if (stat && ours(path)) {
    const same = textOf(path) === hookScript(hook) && (stat.mode & 0o777) === 0o755;
    if (same) return 'unchanged';
    writeHook(path, hook);
    return 'updated';
  }
  if (stat) {
    if (lstatOrNull(chained)) {
      throw new UserError(
        `${path} is not reviewgate's hook, and ${chained} already holds an earlier hook`,
        `decide which of the two should run, delete the other, then run reviewgate hooks install again`,
      );
    }
    renameSync(path, chained);
    writeHook(path, hook);
    return 'chained';
  }
  writeHook(path, hook);
  return 'installed';
}

export function uninstallHook(dir: string, hook: HookName): UninstallResult {
  const path = join(dir, hook);
  const chained = `${path}${CHAINED_SUFFIX}`;
  if (!lstatOrNull(path)) return 'absent';
  if (!ours(path)) return 'foreign';
  rmSync(path);
  if (lstatOrNull(chained)) {
    renameSync(chained, path);
    return 'restored';
  }
  return 'removed';
}

export interface HookFileStatus {
  readonly hook: HookName;
  readonly path: string;
  /** A file (of anyone's) is at the hook's path. */
  readonly exists: boolean;
  /** It is reviewgate's hook. */
  readonly installed: boolean;
  /** It is reviewgate's hook, byte for byte what this version writes. */
  readonly current: boolean;
  readonly executable: boolean;
  /** Path of the kept earlier hook, when there is one. */
  readonly chained: string | null;
  readonly chainedExecutable: boolean;
}

const isExecutable = (path: string): boolean => {
  try {
    return (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
};

export function hookFileStatus(dir: string, hook: HookName): HookFileStatus {
  const path = join(dir, hook);
  const chained = `${path}${CHAINED_SUFFIX}`;
  const exists = lstatOrNull(path) !== null;
  const installed = exists && ours(path);
  const hasChained = lstatOrNull(chained) !== null;
  return {
    hook,
    path,
    exists,
    installed,
    current: installed && textOf(path) === hookScript(hook),
    executable: exists && isExecutable(path),
    chained: hasChained ? chained : null,
    chainedExecutable: hasChained && isExecutable(chained),
  };
}
