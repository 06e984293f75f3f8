// Which command lines may be answered from the verdict cache, read as the full command would read
// them: a staged `check` (or the bare `reviewgate`, which is one) printing text or JSON to stdout,
// and a plain `run` (only its "already passed on this content, nothing to run" answer is ever
// cached). Anything else — a range, a push, CI, --output, --config, another format, --help, an
// option this list does not know, an unknown gate — runs in full.
const GATES = ['plan', 'review', 'run', 'tests'];

export type CachedAsk =
  | { readonly command: 'check'; readonly judgement: string; readonly format: 'text' | 'json'; readonly verbose: boolean; readonly walk: boolean }
  | { readonly command: 'run'; readonly judgement: string };

export function cacheableAsk(argv: readonly string[]): CachedAsk | null {
  if (argv.length === 0) return { command: 'check', judgement: 'check gates= amend=false', format: 'text', verbose: false, walk: true };
  if (argv[0] === 'run') return argv.length === 1 ? { command: 'run', judgement: 'run' } : null;
  if (argv[0] !== 'check') return null;
  const gates: string[] = [];
  let format = 'text';
  let verbose = false;
  let amend = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    const inline = /^--(gate|format)=(.*)$/.exec(a);
    const [name, value] = inline ? [`--${inline[1]}`, inline[2] as string] : [a, argv[i + 1]];
    if (name === '--staged') continue;
    if (name === '--amend') amend = true;
    else if (name === '-v' || name === '--verbose') verbose = true;
    else if ((name === '--gate' || name === '--format') && value !== undefined) {
      if (!inline) i++;
      if (name === '--format') format = value;
      else gates.push(...value.split(',').map((g) => g.trim()).filter(Boolean));
    } else return null;
  }
  if ((format !== 'text' && format !== 'json') || gates.some((g) => !GATES.includes(g))) return null;
  return { command: 'check', judgement: `check gates=${gates.join(',')} amend=${amend}`, format, verbose, walk: false };
}
