// Secret redaction before anything reaches the AI advisor (secretlint's recommended rules).
import { describe, expect, it } from 'vitest';
import { redactSecrets, replaceSpans } from '../../src/advisor/redact.js';

const GH_TOKEN = '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';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzAMPLEKEY';

describe('redactSecrets', () => {
  it('replaces a GitHub token, an AWS key pair and a private key block with [REDACTED:<rule>]', async () => {
    const text = `const t = "${GH_TOKEN}";\nconst id = "AKIAZ3MSJV4WWNKWVO4K";\naws_secret_access_key = "${AWS_SECRET}"\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu3aumO9qpNg9ZfL+vQ2TQtKQnRqR\neFQtYIjNRPbuvRlGwpsL6/3zZbnD5zZzbmzmiNwjD4BQZdyuQkCSZKbfeXEhTSTs\n-----END RSA PRIVATE KEY-----\nconst ok = 1;\n`;
    const r = await redactSecrets(text, 'src/config.ts');
    expect(r.text).not.toContain(GH_TOKEN);
    expect(r.text).not.toContain('AKIAZ3MSJV4WWNKWVO4K');
    expect(r.text).not.toContain(AWS_SECRET);
    expect(r.text).not.toContain('MIIEowIBAAKCAQEA1c7');
    expect(r.text).toContain('const t = "[REDACTED:github]";');
    expect(r.text).toContain('const id = "[REDACTED:aws-access-key-id]";');
    expect(r.text).toContain('[REDACTED:privatekey]');
    expect(r.text).toContain('const ok = 1;');
    expect([...r.rules].sort()).toEqual(['aws', 'aws-access-key-id', 'github', 'privatekey']);
  });

  it('leaves text without secrets unchanged', async () => {
    const text = 'export const price = (x: number) => Math.round(x * 100) / 100;\n';
    expect(await redactSecrets(text, 'src/price.ts')).toEqual({ text, rules: [] });
  });
});

describe('replaceSpans', () => {
  it.each([
    ['one span', [{ start: 2, end: 5, rule: 'a' }], 'ab[REDACTED:a]fgh'],
    ['overlapping spans merge under the first rule', [{ start: 2, end: 5, rule: 'a' }, { start: 4, end: 7, rule: 'b' }], 'ab[REDACTED:a]h'],
    ['two apart', [{ start: 6, end: 8, rule: 'b' }, { start: 0, end: 1, rule: 'a' }], '[REDACTED:a]bcdef[REDACTED:b]'],
  ])('%s', (_name, spans, expected) => {
    expect(replaceSpans('abcdefgh', spans).text).toBe(expected);
  });
});
