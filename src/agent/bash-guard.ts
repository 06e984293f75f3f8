// The Claude Code PreToolUse hook on Bash: the agent may not skip the git hooks. A `git commit` or
// `git push` with --no-verify (commit's -n too), or with core.hooksPath overridden, is blocked.
// Claude Code blocks a tool call only when the hook exits 2 (any other failure lets the call run),
// so the caller maps every failure — unreadable input included — to exit 2. Pure.

/** Shell words of one command line, split into simple commands at ; & | && || and newlines. */
function simpleCommands(line: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) commands.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === ';' || c === '&' || c === '|' || c === '\n' || c === '(' || c === ')' || c === '`') {
      endCommand();
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}

// git's global options that take a separate value (`git -C dir commit`).
const GLOBAL_WITH_VALUE = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);
// commit's short options that take a value: a cluster ends at the first of them (`-am msg`).
const COMMIT_SHORT_WITH_VALUE = 'mFcCt';
// -S[<keyid>] and -u[<mode>] take their value attached, if any: a cluster ends there too.
const COMMIT_SHORT_ATTACHED = 'Su';
const LONG_WITH_VALUE = new Set(['--message', '--file', '--author', '--date', '--reuse-message', '--reedit-message', '--fixup', '--squash', '--template', '--cleanup', '--trailer', '--pathspec-from-file', '--push-option', '--repo', '--receive-pack', '--exec']);

/** Why this command line bypasses the git hooks, or null when it does not. */
export function bypassReason(line: string): string | null {
  for (const words of simpleCommands(line)) {
    // Skip leading VAR=value assignments and wrappers (env, command, sudo).
    let i = 0;
    while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] as string) || ['env', 'command', 'sudo', 'exec', 'nohup'].includes(words[i] as string))) {
      if (/^(HUSKY|LEFTHOOK)=0$/.test(words[i] as string)) return `${words[i]} turns the git hooks off`;
      i++;
    }
    if (!/(^|\/)git$/.test(words[i] ?? '')) continue;
    i++;
    let hooksPath = false;
    while (i < words.length && (words[i] as string).startsWith('-')) {
      const w = words[i] as string;
      const setting = w === '-c' ? (words[i + 1] ?? '') : w.startsWith('-c') ? w.slice(2) : '';
      if (/^core\.hookspath=/i.test(setting)) hooksPath = true;
      i += GLOBAL_WITH_VALUE.has(w) ? 2 : 1;
    }
    const sub = words[i];
    if (sub !== 'commit' && sub !== 'push' && sub !== 'merge' && sub !== 'am' && sub !== 'rebase' && sub !== 'cherry-pick' && sub !== 'revert') continue;
    if (hooksPath) return `git -c core.hooksPath=… ${sub} skips the git hooks`;
    const args = words.slice(i + 1);
    for (let j = 0; j < args.length; j++) {
      const arg = args[j] as string;
      if (arg === '--') break;
      if (/^--no-v(e(r(i(f(y)?)?)?)?)?$/.test(arg)) return `git ${sub} ${arg} skips the git hooks`;
      if (LONG_WITH_VALUE.has(arg)) j++; // its value is the next word (a message may say anything)
      if (sub === 'commit' && /^-[A-Za-z]+$/.test(arg)) {
        for (const [k, c] of [...arg.slice(1)].entries()) {
          if (c === 'n') return `git commit ${arg} (-n is --no-verify) skips the git hooks`;
          if (COMMIT_SHORT_WITH_VALUE.includes(c)) {
            if (k === arg.length - 2) j++; // `-m msg`: the value is the next word
            break;
          }
          if (COMMIT_SHORT_ATTACHED.includes(c)) break;
        }
      }
    }
  }
  return null;
}

export interface HookVerdict {
  readonly code: 0 | 2;
  readonly message: string;
}

/** The hook's answer to the JSON Claude Code sends on stdin ({tool_name, tool_input: {command}}). */
export function guardBash(input: string): HookVerdict {
  let payload: { tool_name?: unknown; tool_input?: { command?: unknown } };
  try {
    payload = JSON.parse(input) as typeof payload;
  } catch {
    return { code: 2, message: 'reviewgate: cannot read the hook input (not JSON); blocked to be safe' };
  }
  if (payload === null || typeof payload !== 'object') return { code: 2, message: 'reviewgate: the hook input is not a JSON object; blocked to be safe' };
  if (payload.tool_name !== undefined && payload.tool_name !== 'Bash') return { code: 0, message: '' };
  const command = payload.tool_input?.command;
  if (typeof command !== 'string') return { code: 2, message: 'reviewgate: the Bash hook input has no tool_input.command; blocked to be safe' };
  const reason = bypassReason(command);
  if (!reason) return { code: 0, message: '' };
  return {
    code: 2,
    message: `reviewgate: blocked: ${reason}. The hooks are how this project checks a change (plan, review, run). Commit without skipping them; if a hook fails, fix what it reports (reviewgate check shows it), or ask the person to commit.`,
  };
}
