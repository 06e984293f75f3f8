// The reviewgate command line as a function: the commander program and runCli(argv, io), which
// maps every error to an exit code in one place. main.ts (the bundle's entry) calls it with this
// process; tests call it with their own cwd, environment and streams. Each command's module is
// imported only when that command runs, so `reviewgate check` (run on every commit) loads nothing
// it does not use.
import { Command, CommanderError, Option } from 'commander';
import { GateFailure, GitError, Interrupted, UserError } from '../errors.js';
import { VERSION } from '../version.js';
import { phase } from '../timing.js';
import { annotateError, printError } from './output.js';
import { bindProcess, type CliIo } from './io.js';

export type { CliIo } from './io.js';

/** One in-process command line at a time: they share the process's cwd, environment and streams. */
let queue: Promise<void> = Promise.resolve();

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function buildProgram(): Command {
  const program = new Command('reviewgate')
    .description('A pre-merge review gate: plan recorded, lines reviewed, locally run, required tests present.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addHelpText(
      'after',
      `
Start with \`reviewgate init\`; then, for each change: plan → review → run → check.

Exit codes: 0 every required gate holds; 1 a gate failed (or a producer could not record);
2 usage, configuration, repository or internal error; 130 \`run\` interrupted.`,
    );

  // `reviewgate` alone: the check, walking on a terminal whatever is missing (as the hook does).
  program.action(async () => (await import('./check.js')).checkCommand({ gate: [], format: 'text', walk: true }));

  program
    .command('check')
    .description('judge the change against the four gates (exit 0 pass, 1 a gate failed, 2 error)')
    .option('--staged', 'judge the staged change (the default)')
    .option('--amend', 'judge the staged change as `git commit --amend` will commit it: against HEAD\'s parent (the pre-commit hook detects an amend itself)')
    .option('--range <range>', 'judge the commits of <A>..<B> (or <A>...<B>, from their merge base)')
    .option('--pre-push <remote>', "judge the commits being pushed: what the pre-push hook runs (--pre-push <remote> <url>, git's ref lines on stdin)")
    .option('--ci', 'judge the pull request: its base from the CI environment, or --base')
    .option('--base <rev>', 'with --ci: the base to judge against')
    // The URL git passes after the remote is an internal positional: accepted, not advertised.
    .argument('[url]')
    .usage('[options]')
    .configureHelp({ visibleArguments: () => [] })
    .option('--gate <id>', 'only this gate (plan, review, run, tests); repeatable', collect)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github', 'markdown', 'gitlab']).default('text'))
    .option('--output <file>', 'write the report to <file> instead of stdout')
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .option('-v, --verbose', 'in the pre-commit hook: the full report also when the change passes (else one line)')
    .action(async (url: string | undefined, opts) => (await import('./check.js')).checkCommand({ ...opts, gate: opts.gate ?? [], url }));

  program
    .command('plan')
    .description('record the plan for this change (opens $VISUAL/$EDITOR on a terminal)')
    .option('--from <file>', 'read the plan from <file>, or - for standard input')
    .option('--title <text>', 'the plan title')
    .option('--show', 'print the current plan and what the plan gate thinks of it')
    .addOption(new Option('--status <status>', 'close the plan (done) or reopen it (active)').choices(['active', 'done']))
    .option('--critique', 'ask the AI advisor for questions and missing risks (advice only; you pick what to add)')
    .option('--dry-run', 'with --critique: print exactly what would be sent, and send nothing')
    .option('--count-tokens', 'with --dry-run: ask the API for the exact token count (sends the text to its count endpoint only)')
    .option('--add <numbers>', 'with --critique: add these items of the critique shown (1,3 / all / none) as open questions')
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (opts) => (await import('./plan.js')).planCommand(opts));

  program
    .command('review')
    .description('review the unreviewed hunks of the staged change and record it')
    .option('--staged', 'review the staged change (the default)')
    .option('--amend', 'review the staged change as `git commit --amend` will commit it: against HEAD\'s parent')
    .option('--range <range>', 'review the commits of <A>..<B> that a range check found unreviewed')
    .option('--list', 'list what still needs review, without asking')
    .option('--export', 'write the open concerns and notes, with file:line and the hunk, for the coding agent to fix')
    .addOption(new Option('--format <format>', 'format of --list (text, json) or --export (md, json)').choices(['text', 'json', 'md']).default('text'))
    .option('--resolve <id>', 'resolve the concern <id>: --resolve <id> <how it was settled>')
    .option('--answer <id>', 'answer the AI flag <id>: addressed, not-a-problem or accepted-risk, then a note')
    .option('--dry-run', 'print what the AI advisor would be sent about the unreviewed hunks, and send nothing')
    .option('--count-tokens', 'with --dry-run: ask the API for the exact token count (sends the text to its count endpoint only)')
    .argument('[resolution...]')
    .usage('[options]')
    .configureHelp({ visibleArguments: () => [] })
    .option('--web', 'review on a local page in the browser instead of the terminal')
    .option('--no-open', 'with --web: print the address instead of opening the browser')
    .option('--idle <minutes>', 'with --web: stop after this many minutes without activity', '30')
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (resolution: string[], opts) => (await import('./review.js')).reviewCommand({ ...opts, resolution }));

  program
    .command('run')
    .description('run the configured commands on exactly the staged content and record the result')
    .option('--isolated', 'run in a temporary worktree holding exactly the judged tree')
    .option('--range <range>', 'with --isolated: run on the last commit of <A>..<B>')
    .option('--force', 'run even the commands that already passed on this content')
    .option('--list', 'show the run records for the current content, without running')
    .option('--verify', 'for CI: run the commands again in a temporary worktree of the judged tree and report recorded passes that do not reproduce; records nothing')
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (opts) => (await import('./run.js')).runCommand(opts));

  program
    .command('tests')
    .description('show which required tests exist and which are missing')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--audit', 'ask the AI advisor whether the matched tests really check the checklist items (advice only)')
    .option('--dry-run', 'with --audit: print exactly what would be sent, and send nothing')
    .option('--count-tokens', 'with --dry-run: ask the API for the exact token count (sends the text to its count endpoint only)')
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (opts) => (await import('./tests.js')).testsCommand(opts));

  program
    .command('init')
    .description('write .reviewgate.yml for this repository, create the evidence folder, offer the hooks')
    .option('--yes', 'accept the defaults without asking (for scripts)')
    .option('--force', 'overwrite an existing .reviewgate.yml')
    .addOption(new Option('--agent <agent>', 'also write the coding agent\'s project hooks (Claude Code: .claude/settings.json)').choices(['claude']))
    .action(async (opts) => (await import('./init.js')).initCommand(opts));

  program
    .command('agent', { hidden: true })
    .description('the commands the coding agent hooks run (reviewgate init --agent claude writes them)')
    .argument('<hook>', 'claude-bash or claude-plan')
    .action(async (hook: string) => (await import('./agent.js')).agentCommand(hook));

  program
    .command('verify')
    .description('list every evidence record with the verdict of its signature (exit 1 when one does not verify)')
    .option('--range <range>', 'the evidence of the commits of <A>..<B>, checked against the allowed signers of A')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (opts) => (await import('./verify.js')).verifyCommand(opts));

  program
    .command('keys')
    .description('manage the allowed-signers file of signed evidence')
    .command('add')
    .description("append git's SSH signing key for your user.email, limited to reviewgate's namespaces")
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (opts) => (await import('./keys.js')).keysAddCommand(opts));

  const hooks = program.command('hooks').description('install, remove or inspect the git hooks that run reviewgate');
  for (const action of ['install', 'uninstall', 'status'] as const) {
    hooks
      .command(action)
      .description(
        action === 'install'
          ? 'install the hooks (both when neither flag is given); an existing hook is kept and still runs'
          : action === 'uninstall'
            ? 'remove the hooks, restoring exactly what was there before'
            : 'show which hooks are installed and whether git would run them',
      )
      .option('--pre-commit', 'the pre-commit hook (reviewgate check on the staged change)')
      .option('--pre-push', 'the pre-push hook (reviewgate check on the commits being pushed)')
      .action(async (opts) => (await import('./hooks.js')).hooksCommand(action, opts));
  }

  return program;
}

/**
 * Runs one command line and resolves with its exit code; never sets process.exitCode (the
 * bundle's entry, main.ts, does). Without `io` it uses this process's own cwd, environment and
 * streams. With `io` it runs in this process as if started in `io.cwd` with `io.env` and these
 * streams (tests call the CLI this way instead of starting node for every call).
 */
export async function runCli(argv: readonly string[], io?: CliIo): Promise<number> {
  if (!io) return run(argv);
  const previous = queue;
  let done = (): void => undefined;
  queue = new Promise<void>((resolve) => (done = resolve));
  await previous;
  try {
    const restore = bindProcess(io);
    // The command line too: commands that key on it (the verdict cache) must see this one, not
    // the host process's.
    const hostArgv = process.argv;
    process.argv = [hostArgv[0] ?? process.execPath, hostArgv[1] ?? 'reviewgate', ...argv];
    try {
      return await run(argv);
    } finally {
      process.argv = hostArgv;
      restore();
    }
  } finally {
    done();
  }
}

async function run(argv: readonly string[]): Promise<number> {
  phase('cli loaded');
  // `reviewgate ... | head`: the reader went away. Nothing more can be shown, and that is no
  // error; later writes fail the same way and are ignored too, so the verdict still sets the exit code.
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listeners('error').includes(ignoreClosedReader)) continue;
    stream.on('error', ignoreClosedReader);
  }
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    return exitCodeFor(error, githubFormat(argv));
  }
}

function ignoreClosedReader(this: NodeJS.WritableStream, error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  // Other errors (EIO from a closed terminal) belong to a command that listens for them.
  if (this.listenerCount('error') <= 1) throw error;
}

/** `--format github` (or `--format=github`) on the command line: errors become annotations too. */
function githubFormat(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=github' || (a === '--format' && argv[i + 1] === 'github'));
}

/** The one place errors become exit codes: 1 a gate failed, 2 usage/config/repo/internal error. */
function exitCodeFor(error: unknown, github = false): number {
  if (error instanceof GateFailure) return 1;
  if (github && !(error instanceof Interrupted)) annotateError(error);
  // 128 + SIGINT, what a shell reports for a command stopped with Ctrl-C.
  if (error instanceof Interrupted) return 130;
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    printError(error.message.replace(/^error: /, ''), 'reviewgate --help');
    return 2;
  }
  if (error instanceof UserError) {
    printError(error.message, error.fix);
    return 2;
  }
  if (error instanceof GitError) {
    printError(error.message, 'this is git refusing; the message above is git\'s own');
    return 2;
  }
  const fsError = fileSystemError(error);
  if (fsError) {
    printError(fsError.message, fsError.fix);
    return 2;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  printError(`internal error: ${detail}`, 'this is a bug in reviewgate; please report it with the output above');
  return 2;
}

const FS_CODES: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'an input/output error',
  EFBIG: 'the file is too large',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the name is too long',
  ENOENT: 'no such file or folder',
};

/** A file-system failure is the machine's state, not a bug: name the path and what went wrong. */
function fileSystemError(error: unknown): { message: string; fix: string } | null {
  const e = error as NodeJS.ErrnoException | null;
  const what = e && typeof e.code === 'string' ? FS_CODES[e.code] : undefined;
  if (!what || !e) return null;
  const path = e.path ?? (e as { dest?: string }).dest;
  return {
    message: `cannot ${e.syscall ?? 'write'} ${path ?? 'a file'}: ${what} (${e.code})`,
    fix:
      e.code === 'ENOSPC' || e.code === 'EDQUOT'
        ? 'free disk space, then run the command again'
        : e.code === 'ENOENT' || e.code === 'ENOTDIR'
          ? `check that the folder of ${path ?? 'the file'} exists, then run the command again`
          : `check the permissions of ${path ?? 'the file'} and its folder, then run the command again`,
  };
}
