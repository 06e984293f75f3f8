// The few error classes the commands throw. src/cli/entry.ts (runCli) is the one place that maps them to
// an exit code: a failed gate or producer is 1, everything the user must fix first is 2.

/** Usage, configuration, repository or input error: exit 2, with the fix in the message. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    message: string,
    readonly fix?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A gate or producer failed in the ordinary way (exit 1); the report has already been printed. */
export class GateFailure extends Error {
  override name = 'GateFailure';
  constructor(message = 'a gate failed', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The user interrupted a producer (Ctrl-C, SIGTERM): exit 130, like a shell; nothing half-done is left. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(message = 'interrupted', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** git itself failed in a way we did not expect. */
export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
