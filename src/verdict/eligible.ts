// Which command lines may be answered from a cached verdict: a staged `check` (or the bare
// `reviewgate`, which is one) whose output goes to stdout only, and a plain `run` (only its
// "already passed on this content, nothing to run" answer is ever cached). Anything else — a
// range, a push, CI, --output, --config, --help, an option this list does not know — runs in full.
const FLAGS = new Set(['--staged', '--amend', '-v', '--verbose']);
const WITH_VALUE = new Set(['--gate', '--format']);

export function cacheableArgv(argv: readonly string[]): boolean {
  if (argv.length === 0) return true;
  if (argv[0] === 'run') return argv.length === 1;
  if (argv[0] !== 'check') return false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (FLAGS.has(a)) continue;
    if (WITH_VALUE.has(a) && i + 1 < argv.length) {
      i++;
      continue;
    }
    if (/^--(?:gate|format)=./.test(a)) continue;
    return false;
  }
  return true;
}
