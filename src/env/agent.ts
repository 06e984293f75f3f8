// Is this command driven from an AI coding agent's shell? Only markers the agents set in the
// environment of the commands they run, as documented or verified by their makers:
// - Claude Code sets CLAUDECODE=1 in the shells it starts;
// - Codex CLI sets CODEX_SANDBOX (seatbelt, on macOS) and CODEX_SANDBOX_NETWORK_DISABLED=1 for its
//   shell tool (its repository's AGENTS.md);
// - Cursor sets CURSOR_AGENT=1 in agent terminals (cursor.com/docs/agent/terminal) and
//   CURSOR_EXTENSION_HOST_ROLE=agent-exec in the editor's agent; CURSOR_TRACE_ID is set in the
//   person's own Cursor terminals too, so it is not a marker;
// - Gemini CLI sets GEMINI_CLI=1 for its shell tool.
// aider and GitHub Copilot document no such marker; they are not detected. Pure.

export interface AgentShell {
  /** The agent's name, for messages. */
  readonly agent: string;
  /** The variable that gave it away, as NAME=value. */
  readonly marker: string;
}

const MARKERS: readonly { agent: string; name: string; value?: string }[] = [
  { agent: 'Claude Code', name: 'CLAUDECODE' },
  { agent: 'Codex', name: 'CODEX_SANDBOX' },
  { agent: 'Codex', name: 'CODEX_SANDBOX_NETWORK_DISABLED' },
  { agent: 'Cursor', name: 'CURSOR_AGENT' },
  { agent: 'Cursor', name: 'CURSOR_EXTENSION_HOST_ROLE', value: 'agent-exec' },
  { agent: 'Gemini CLI', name: 'GEMINI_CLI' },
];

/** The names of every marker, for tests that must run clean of them. */
export const AGENT_MARKERS: readonly string[] = [...new Set(MARKERS.map((m) => m.name))];

export function detectAgentShell(env: NodeJS.ProcessEnv): AgentShell | null {
  for (const m of MARKERS) {
    const value = env[m.name];
    if (value === undefined || value === '' || value === '0') continue;
    if (m.value !== undefined && value !== m.value) continue;
    return { agent: m.agent, marker: `${m.name}=${value}` };
  }
  return null;
}
