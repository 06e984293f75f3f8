// The advisor's one error. The advisor is built as its own bundle, so the CLI cannot rely on
// `instanceof` across the two: it recognises this error by name and maps `exit` (2 a key or
// setting to fix, 1 the call failed) to its own error classes.
export class AdvisorError extends Error {
  override name = 'AdvisorError';
  constructor(
    message: string,
    readonly exit: 1 | 2,
    readonly fix: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}
