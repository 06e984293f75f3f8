// Masking secrets in the output tail kept in run records. Evidence is committed and pushed, so a
// token printed by a test run must not travel with it. Over-masking is the safe side: a masked
// word costs nothing, a leaked token costs a rotation.

const MASK = '***';

// Well-known token shapes. Each is anchored on a word boundary so that e.g. "task-list" is not
// taken for an OpenAI `sk-` key.
const TOKEN_PATTERNS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub classic tokens (ghp_, gho_, ghu_, ghs_, ghr_)
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g, // GitHub fine-grained tokens
  /\bsk-[A-Za-z0-9_-]{16,}/g, // OpenAI / Anthropic style keys (sk-..., sk-proj-..., sk-ant-...)
  /\bxox[bpas]-[A-Za-z0-9-]{10,}/g, // Slack bot/user tokens
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, // AWS access key ids
];

// `Bearer <x>` and `password=<x>`, `token=<x>`, `secret=<x>` (also `api_key=`, `passwd=`): the
// name stays readable, the value goes.
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
const ASSIGNMENT = /\b([A-Za-z_]*(?:password|passwd|token|secret|api[_-]?key))(\s*=\s*)("[^"]*"|'[^']*'|[^\s&;,'"]+)/gi;

// PASS covers PASSWORD and DB_PASS; PWD, AUTH, CREDENTIAL(S), PRIVATE and COOKIE are the other usual words.
const SECRET_ENV_NAME = /TOKEN|SECRET|PASS|PWD|KEY|AUTH|CREDENTIAL|PRIVATE|COOKIE/i;
const MIN_ENV_SECRET = 8;

/**
 * The values of environment variables whose names say they hold a secret (TOKEN, SECRET,
 * PASSWORD, KEY) and that are long enough not to match ordinary words. Longest first, so a value
 * that contains another is masked whole.
 */
export function secretEnvValues(env: NodeJS.ProcessEnv): string[] {
  const values = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= MIN_ENV_SECRET && SECRET_ENV_NAME.test(name)) values.add(value);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** One output line with every known secret shape and every secret env value replaced by `***`. */
export function maskSecrets(line: string, envValues: readonly string[] = []): string {
  let out = line;
  for (const value of envValues) if (out.includes(value)) out = out.split(value).join(MASK);
  for (const pattern of TOKEN_PATTERNS) out = out.replace(pattern, MASK);
  out = out.replace(BEARER, `$1 ${MASK}`);
  out = out.replace(ASSIGNMENT, `$1$2${MASK}`);
  return out;
}
