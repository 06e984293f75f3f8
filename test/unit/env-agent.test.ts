import { describe, expect, it } from 'vitest';
import { detectAgentShell } from '../../src/env/agent.js';

describe('detectAgentShell', () => {
  it.each([
    [{ CLAUDECODE: '1' }, 'Claude Code'],
    [{ CODEX_SANDBOX: 'seatbelt' }, 'Codex'],
    [{ CODEX_SANDBOX_NETWORK_DISABLED: '1' }, 'Codex'],
    [{ CURSOR_AGENT: '1' }, 'Cursor'],
    [{ CURSOR_EXTENSION_HOST_ROLE: 'agent-exec' }, 'Cursor'],
    [{ GEMINI_CLI: '1' }, 'Gemini CLI'],
  ])('finds %o: %s', (env, agent) => expect(detectAgentShell(env)?.agent).toBe(agent));
  it.each([
    [{}],
    [{ CLAUDECODE: '' }],
    [{ CLAUDECODE: '0' }],
    // Set in the person's own Cursor terminal too: not a marker of the agent.
    [{ CURSOR_TRACE_ID: 'abc' }],
    [{ CURSOR_EXTENSION_HOST_ROLE: 'user' }],
    [{ TERM_PROGRAM: 'vscode' }],
  ])('finds nothing in %o', (env) => expect(detectAgentShell(env)).toBeNull());
  it('names the marker it found', () => expect(detectAgentShell({ GEMINI_CLI: '1' })?.marker).toBe('GEMINI_CLI=1'));
});
