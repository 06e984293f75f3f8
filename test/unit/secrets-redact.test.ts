import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/secrets/redact.js';

// Fake credentials in the shapes real ones have (none of them is valid anywhere).
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\nVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----';

describe('redactSecrets', () => {
  it.each([
    ['AWS secret access key', 'AWS_SECRET_ACCESS_KEY=Kx9fA2bQ7mZ3nP4rS8tV1wY6uE0iO5lH2jG7dF3c', 'Kx9fA2bQ7mZ3nP4rS8tV1wY6uE0iO5lH2jG7dF3c'],
    ['PEM private key', `key:\n${PEM}\ndone`, 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun'],
    ['JSON password', '{"user": "a", "password": "hunter2hunter2"}', 'hunter2hunter2'],
    ['YAML password', 'db:\n  password: hunter2hunter2\n', 'hunter2hunter2'],
    ['URL credentials', 'connecting to https://admin:s3cr3tP4ss@db.example.com/app', 's3cr3tP4ss'],
    ['Authorization: Basic', 'Authorization: Basic YWRtaW46czNjcjN0UDRzcw==', 'YWRtaW46czNjcjN0UDRzcw=='],
    ['Stripe key', 'stripe sk_live_51HqLyjWDarjtT1zdp7dcXbX1C2Y3', 'sk_live_51HqLyjWDarjtT1zdp7dcXbX1C2Y3'],
    ['Google API key', 'maps AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY', 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY'],
    ['npm token', '//registry.npmjs.org/:_authToken=npm_1234567890abcdefghijklmnopqrstuvwxyz', 'npm_1234567890abcdefghijklmnopqrstuvwxyz'],
    ['GitLab token', 'GITLAB glpat-xYz12AbC34dEf56GhI78jk', 'glpat-xYz12AbC34dEf56GhI78jk'],
    ['GitHub token', 'push ghp_1234567890abcdefghijABCDEFGHIJklmnop', 'ghp_1234567890abcdefghijABCDEFGHIJklmnop'],
  ])('masks a %s', async (_kind, text, secret) => {
    const out = await redactSecrets(text);
    expect(out.text).not.toContain(secret);
    expect(out.text).toContain('***');
    expect(out.found.length).toBeGreaterThan(0);
    expect(out.found.join(' ')).not.toContain(secret);
  });

  it('masks the values of secret-named environment variables (DB_PASS, …), naming the variable', async () => {
    const out = await redactSecrets('psql with correct-horse-battery ok', { env: { DB_PASS: 'correct-horse-battery', HOME: '/home/someone' } });
    expect(out).toEqual({ text: 'psql with *** ok', found: ['env DB_PASS'] });
  });

  it('leaves ordinary test output alone', async () => {
    const text = ' ✓ test/a.test.ts (3 tests) 12ms\n Test Files  1 passed (1)\n task-list ok';
    expect(await redactSecrets(text)).toEqual({ text, found: [] });
  });
});

describe('redactSecrets on a cut tail', () => {
  it('masks a private key whose END line was cut, and a tail that starts inside a key', async () => {
    const cut = await redactSecrets('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDfa');
    expect(cut.text).toBe('***');
    const inside = await redactSecrets('VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n-----END RSA PRIVATE KEY-----\nok');
    expect(inside.text).not.toContain('VTLw7onLRnrq0');
  });
});
