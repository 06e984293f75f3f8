// The reviewgate command line. Each command's module is imported only when that command runs,
// so `reviewgate check` (run on every commit) loads nothing it does not use.
import { Command, CommanderError, Option } from 'commander';
import { GateFailure, GitError, Interrupted, UserError } from '../errors.js';
import { VERSION } from '../version.js';
import { phase } from '../timing.js';
import { printError } from './output.js';


function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
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

  program
    .command('check')
    .description('judge the change against the four gates (exit 0 pass, 1 a gate failed, 2 error)')
    .option('--staged', 'judge the staged change (the default)')
    .option('--range <range>', 'judge the commits of <A>..<B> (or <A>...<B>, from their merge base)')
    .option('--pre-push <remote>', "judge the commits being pushed (git's pre-push lines on stdin); [url] may follow")
    .option('--ci', 'judge the pull request: its base from the CI environment, or --base')
    .option('--base <rev>', 'with --ci: the base to judge against')
    .argument('[url]', 'with --pre-push: the remote URL git passes to the hook')
    .option('--gate <id>', 'only this gate (plan, review, run, tests); repeatable', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github', 'markdown', 'gitlab']).default('text'))
    .option('--output <file>', 'write the report to <file> instead of stdout')
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (url: string | undefined, opts) => (await import('./check.js')).checkCommand({ ...opts, url }));

  program
    .command('plan')
    .description('record the plan for this change (opens $VISUAL/$EDITOR on a terminal)')
    .option('--from <file>', 'read the plan from <file>, or - for standard input')
    .option('--title <text>', 'the plan title')
    .option('--show', 'print the current plan and what the plan gate thinks of it')
    .addOption(new Option('--status <status>', 'close the plan (done) or reopen it (active)').choices(['active', 'done']))
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (opts) => (await import('./plan.js')).planCommand(opts));

  program
    .command('review')
    .description('review the unreviewed hunks of the staged change and record it')
    .option('--staged', 'review the staged change (the default)')
    .option('--range <range>', 'review the commits of <A>..<B> that a range check found unreviewed')
    .option('--list', 'list what still needs review, without asking')
    .addOption(new Option('--format <format>', 'format of --list').choices(['text', 'json']).default('text'))
    .option('--resolve <id>', 'resolve the concern <id>; the resolution text follows as an argument')
    .argument('[resolution...]', 'with --resolve: how the concern was settled')
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
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (opts) => (await import('./run.js')).runCommand(opts));

  program
    .command('tests')
    .description('show which required tests exist and which are missing')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--config <path>', 'read this configuration file instead of .reviewgate.yml')
    .action(async (opts) => (await import('./tests.js')).testsCommand(opts));

  program
    .command('init')
    .description('write .reviewgate.yml for this repository, create the evidence folder, offer the hooks')
    .option('--yes', 'accept the defaults without asking (for scripts)')
    .option('--force', 'overwrite an existing .reviewgate.yml')
    .action(async (opts) => (await import('./init.js')).initCommand(opts));

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

export async function main(argv: readonly string[]): Promise<number> {
  phase('cli loaded');
  const program = buildProgram();
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    return exitCodeFor(error);
  }
}

/** The one place errors become exit codes: 1 a gate failed, 2 usage/config/repo/internal error. */
function exitCodeFor(error: unknown): number {
  if (error instanceof GateFailure) return 1;
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
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  printError(`internal error: ${detail}`, 'this is a bug in reviewgate; please report it with the output above');
  return 2;
}

// No top-level await: the bundle is loaded as a classic script through a V8 code cache (bin/).
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
