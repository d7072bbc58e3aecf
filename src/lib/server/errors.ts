/** Errors a person can act on: the CLI prints the message alone, the web app shows it. */

/** A failure whose message is one clear sentence for the user (no stack trace needed). */
export class DuesightError extends Error {
  constructor(
    message: string,
    /** Extra machine-readable detail (e.g. the missing FX rate's currency and date). */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DuesightError';
  }
}
