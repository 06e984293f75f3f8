// Is this command running in an AI coding agent's shell? Only markers the agents set themselves,
// on purpose, for tools to read (see the README's list and its sources); names that any
// terminal of the same editor also has (Cursor's CURSOR_TRACE_ID, VS Code's TERM_PROGRAM) are
// not used, because a person typing in that editor's terminal must not be refused. Pure.
//
// This catches the agent that runs `reviewgate review` in good faith. It does not stop one that
// unsets the variable: that is what `review.piped: refuse`, the pace and key-timing rules and
// signed evidence are for.

export interface DetectedAgent {
  /** The agent's product name, for the message. */
  readonly name: string;
  /** The variable that gave it away. */
  readonly variable: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const MARKERS: readonly { name: string; variable: string; value?: string }[] = [
  { name: 'Claude Code', variable: 'CLAUDECODE' },
  { name: 'Codex', variable: 'CODEX_SANDBOX' },
  { name: 'Codex', variable: 'CODEX_SANDBOX_NETWORK_DISABLED' },
  { name: 'Gemini CLI', variable: 'GEMINI_CLI' },
  { name: 'Cursor', variable: 'CURSOR_AGENT' },
  { name: 'Cursor', variable: 'CURSOR_EXTENSION_HOST_ROLE', value: 'agent-exec' },
  { name: 'GitHub Copilot', variable: 'COPILOT_AGENT' },
];

export function detectAgent(env: Env): DetectedAgent | null {
  for (const m of MARKERS) {
    const v = env[m.variable];
    if (v === undefined || v === '' || v === '0') continue;
    if (m.value !== undefined && v !== m.value) continue;
    return { name: m.name, variable: m.variable };
  }
  return null;
}

/** The variables detectAgent reads: test helpers strip them so a suite run by an agent behaves like one run by a person. */
export const AGENT_VARIABLES: readonly string[] = [...new Set(MARKERS.map((m) => m.variable))];
