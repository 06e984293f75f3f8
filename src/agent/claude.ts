// `reviewgate init --agent claude`: the project hooks Claude Code runs (.claude/settings.json).
// - PostToolUse on ExitPlanMode: fires once the person approved the agent's plan; its
//   tool_input.plan is recorded with `reviewgate plan`, so the plan is on record before the code.
// - PreToolUse on Bash: blocks `git commit`/`git push` that skip the git hooks.
// Claude Code blocks only on exit 2; any other failure lets the call run. So every command ends in
// `|| exit 2`: a missing reviewgate, a crash or an unreadable input blocks rather than fails open.
// Pure: the caller reads and writes the file.

const PLAN_HOOK = '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/reviewgate agent claude-plan || exit 2';
const BASH_HOOK = '"$CLAUDE_PROJECT_DIR"/node_modules/.bin/reviewgate agent claude-bash || exit 2';

interface HookEntry {
  matcher?: string;
  hooks?: { type?: string; command?: string }[];
}
type Settings = Record<string, unknown> & { hooks?: Record<string, HookEntry[] | undefined> };

const ours = (e: HookEntry) => (e.hooks ?? []).some((h) => typeof h.command === 'string' && h.command.includes('reviewgate agent claude-'));

/** The settings with reviewgate's two hooks added (replacing earlier reviewgate entries, keeping the rest). */
export function withClaudeHooks(current: Settings): Settings {
  const hooks = { ...(current.hooks ?? {}) };
  const add = (event: string, matcher: string, command: string) => {
    const list = (hooks[event] ?? []).filter((e) => !ours(e));
    list.push({ matcher, hooks: [{ type: 'command', command }] });
    hooks[event] = list;
  };
  add('PostToolUse', 'ExitPlanMode', PLAN_HOOK);
  add('PreToolUse', 'Bash', BASH_HOOK);
  return { ...current, hooks };
}
