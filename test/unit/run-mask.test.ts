import { describe, expect, it } from 'vitest';
import { maskSecrets, secretEnvValues } from '../../src/run/mask.js';

describe('masking secrets in run output', () => {
  it.each([
    ['GitHub classic token', 'push with ghp_1234567890abcdefghijABCDEFGHIJ now', 'push with *** now'],
    ['GitHub app token', 'ghs_1234567890abcdefghijABCDEFGHIJ', '***'],
    ['GitHub fine-grained token', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnop', '***'],
    ['OpenAI-style key', 'key sk-proj-abcdefghijklmnop1234', 'key ***'],
    ['Slack bot token', 'xoxb-1234567890-abcdefghij', '***'],
    ['Slack user token', 'xoxp-1234567890-abcdefghij', '***'],
    ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE is set', '*** is set'],
    ['Bearer header', 'Authorization: Bearer eyJhbGciOi.J9.x-y_z', 'Authorization: Bearer ***'],
    ['password= value', 'db password=hunter2 ok', 'db password=*** ok'],
    ['token= value in a URL', 'GET /cb?token=abc123&x=1', 'GET /cb?token=***&x=1'],
    ['secret= quoted value', 'SECRET="two words"', 'SECRET=***'],
    ['api_key= value', 'api_key=abcd', 'api_key=***'],
    ['ordinary text', 'task-list passed: 3 tests, 0 failed', 'task-list passed: 3 tests, 0 failed'],
    ['a short sk- word', 'risk-free', 'risk-free'],
  ])('%s', (_name, line, masked) => expect(maskSecrets(line)).toBe(masked));

  it('masks the values of secret-named environment variables of 8 characters or more', () => {
    const values = secretEnvValues({ NPM_TOKEN: 'n0t-a-real-npm-token', DB_PASSWORD: 'short', API_KEY: 'k3y-v4lue-xyz', HOME: '/home/someone-long' });
    expect(values).toEqual(['n0t-a-real-npm-token', 'k3y-v4lue-xyz']);
    expect(maskSecrets('auth n0t-a-real-npm-token and k3y-v4lue-xyz in /home/someone-long', values)).toBe('auth *** and *** in /home/someone-long');
  });

  it('masks a longer secret whole when it contains a shorter one', () => {
    const values = secretEnvValues({ A_SECRET: 'abcdefgh', B_SECRET: 'abcdefgh-and-more' });
    expect(maskSecrets('x abcdefgh-and-more y', values)).toBe('x *** y');
  });
});
