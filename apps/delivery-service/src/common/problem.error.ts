/**
 * A refusal the caller can act on: an HTTP status, a sentence saying why, and optional details
 * (e.g. `allowed` transitions, `errors` per field). The exception filter turns it into the ApiError body.
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ProblemError';
  }
}

export const notFound = (what: string) => new ProblemError(404, `${what} not found`);
export const conflict = (message: string, details: Record<string, unknown> = {}) => new ProblemError(409, message, details);
export const unprocessable = (message: string, details: Record<string, unknown> = {}) => new ProblemError(422, message, details);
