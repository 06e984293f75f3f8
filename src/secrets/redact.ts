// Removing secrets from text that is about to be kept or sent somewhere: a run record's output
// tail (committed and pushed with the evidence), or what the advisor sends to a model. The rules
// are secretlint's maintained recommended preset (AWS, GCP, npm, GitHub, GitLab, Slack, Stripe,
// SendGrid, private keys, basic-auth URLs, …), plus the values of environment variables whose
// names say they hold a secret, plus the shapes src/run/mask.ts already masks line by line.
// Over-masking is the safe side: a masked word costs nothing, a leaked token costs a rotation.
import { maskSecrets, secretEnvValues } from '../run/mask.js';

const REDACTED = '***';

export interface RedactOptions {
  /** Mask the values of this environment's secret-looking variables (TOKEN, SECRET, PASS, KEY…). */
  readonly env?: NodeJS.ProcessEnv;
}

export interface Redacted {
  readonly text: string;
  /** What was found, as rule kinds (`AWSSecretAccessKey`, `env DB_PASS`, …): never the secrets. */
  readonly found: string[];
}

// secretlint's preset misses these, which appear in test and tool output all the time.
const EXTRA: readonly { kind: string; pattern: RegExp; keep?: number }[] = [
  // `"password": "x"`, `password: x` (JSON, YAML), `DB_PASS=x`, `--password x` is left to env.
  { kind: 'PasswordField', pattern: /(["']?[\w.-]*(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)["']?\s*[:=]\s*)("[^"\n]*"|'[^'\n]*'|[^\s,;&'"}\]]+)/gi, keep: 1 },
  // Authorization: Basic <base64>
  { kind: 'BasicAuthHeader', pattern: /(\bBasic\s+)[A-Za-z0-9+/=]{8,}/g, keep: 1 },
  // A private key block, also one the tail cut (no END line), and a bare line of base64 as long
  // as a PEM body line (a tail may start in the middle of a key).
  { kind: 'PrivateKey', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----|$(?![\s\S]))/g },
  { kind: 'Base64Block', pattern: /^[A-Za-z0-9+/]{60,}={0,2}$/gm },
  // Token shapes the preset has no rule for.
  { kind: 'StripeKey', pattern: /\b[rsp]k_(?:live|test)_[0-9A-Za-z]{16,}/g },
  { kind: 'GoogleAPIKey', pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: 'GitLabToken', pattern: /\bgl(?:pat|ptt|dt|rt|oas|cbt|soat|ffct|imt|ft)-[0-9A-Za-z_-]{20,}/g },
  // scheme://user:password@host
  { kind: 'URLCredentials', pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s/@]+(?=@)/gi, keep: 1 },
];

/** The text with every secret found replaced by `***`, and what kinds were found. */
export async function redactSecrets(text: string, options: RedactOptions = {}): Promise<Redacted> {
  const found = new Set<string>();
  let out = text;
  // Environment values first, whole: a value may contain what a pattern would only half match.
  if (options.env) {
    for (const [name, value] of secretEnvEntries(options.env)) {
      if (out.includes(value)) {
        out = out.split(value).join(REDACTED);
        found.add(`env ${name}`);
      }
    }
  }
  // secretlint reads the whole text: a PEM private key spans lines.
  const { secretRanges } = await import('./secretlint.js');
  const ranges = (await secretRanges(out)).sort((a, b) => b.start - a.start);
  let end = Infinity;
  for (const r of ranges) {
    if (r.end > end) continue; // overlapping a range already masked
    // Some rules report a range that stops short of the secret (the AWS rule measures the key's
    // length from the start of `NAME=key`): mask to the end of the word it ends in.
    let stop = r.end;
    while (stop < out.length && !/[\s"'`,;]/.test(out[stop] as string)) stop += 1;
    out = `${out.slice(0, r.start)}${REDACTED}${out.slice(stop)}`;
    end = r.start;
    found.add(r.kind);
  }
  for (const { kind, pattern, keep } of EXTRA) {
    out = out.replace(pattern, (...m: string[]) => {
      const whole = m[0] ?? '';
      if (whole.endsWith(REDACTED)) return whole;
      found.add(kind);
      return `${keep ? (m[keep] ?? '') : ''}${REDACTED}`;
    });
  }
  const lines = out.split('\n').map((l) => maskSecrets(l));
  const masked = lines.join('\n');
  if (masked !== out) found.add('TokenShape');
  return { text: masked, found: [...found] };
}

/** Names and values, longest value first, of the environment's secret-looking variables. */
function secretEnvEntries(env: NodeJS.ProcessEnv): [string, string][] {
  const values = new Set(secretEnvValues(env));
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(env)) if (value && values.has(value)) entries.push([name, value]);
  return entries.sort((a, b) => b[1].length - a[1].length);
}
