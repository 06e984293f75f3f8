import { describe, expect, it } from 'vitest';
import { detectAgent } from '../../src/agent/detect.js';

describe('detectAgent', () => {
  it.each([
    [{ CLAUDECODE: '1' }, 'Claude Code'],
    [{ CODEX_SANDBOX: 'seatbelt' }, 'Codex'],
    [{ CODEX_SANDBOX_NETWORK_DISABLED: '1' }, 'Codex'],
    [{ GEMINI_CLI: '1' }, 'Gemini CLI'],
    [{ CURSOR_AGENT: '1' }, 'Cursor'],
    [{ CURSOR_EXTENSION_HOST_ROLE: 'agent-exec' }, 'Cursor'],
    [{ COPILOT_AGENT: '1' }, 'GitHub Copilot'],
    [{}, null],
    [{ CLAUDECODE: '' }, null],
    [{ CLAUDECODE: '0' }, null],
    [{ CURSOR_TRACE_ID: 'abc', TERM_PROGRAM: 'vscode' }, null],
    [{ CURSOR_EXTENSION_HOST_ROLE: 'user' }, null],
  ])('%j → %s', (env, name) => expect(detectAgent(env)?.name ?? null).toBe(name));
});
