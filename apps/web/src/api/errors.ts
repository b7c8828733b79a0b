import { ApiClientError } from '@wingxtra/contracts/client';

/** The details delivery-service and analytics-worker add to an ApiError body. */
interface ErrorExtras {
  errors?: Array<{ field?: string; message?: string }>;
  reasons?: string[];
  attempts_left?: number;
  allowed_from?: string[];
  allowed?: string[];
  editable_in?: string[];
  rejections?: Array<{ drone_id?: string | null; errors?: Array<{ field: string; message: string }> }>;
}

export interface DescribedError {
  /** One sentence for the person. */
  title: string;
  /** Further lines: the service's own reasons, field by field. */
  details: string[];
  status: number | null;
}

const BY_STATUS: Record<number, string> = {
  401: 'You are not signed in, or your sign-in has expired. Sign in again with a fresh token.',
  403: 'Your role may not do this.',
  404: 'Not found.',
  409: 'This changed in the meantime or is not allowed in its current state.',
  410: 'This is no longer available.',
  413: 'That is too large to send.',
  415: 'That kind of file is not accepted.',
  422: 'The request was refused.',
  423: 'This is locked after too many attempts.',
  429: 'Too many requests: wait a moment and try again.',
  502: 'A service behind this site cannot be reached. Try again shortly.',
  503: 'A service is briefly unavailable. Try again shortly.',
  504: 'A service took too long to answer. Try again shortly.',
};

/** Turns whatever an API call threw into words a person can act on; the service's own message comes first. */
export function describeError(err: unknown): DescribedError {
  if (err instanceof ApiClientError) {
    const body = (err.body ?? {}) as ErrorExtras & { message?: string };
    const details: string[] = [];
    for (const e of body.errors ?? []) if (e.message && e.message !== body.message) details.push(e.message);
    for (const r of body.reasons ?? []) details.push(r);
    for (const r of body.rejections ?? []) for (const e of r.errors ?? []) details.push(`${r.drone_id ?? 'packet'}: ${e.field} ${e.message}`);
    if (body.allowed_from?.length) details.push(`Allowed only while ${body.allowed_from.join(', ')}.`);
    if (body.editable_in?.length) details.push(`Editable only while ${body.editable_in.join(', ')}.`);
    if (body.attempts_left !== undefined) details.push(`${body.attempts_left} attempt${body.attempts_left === 1 ? '' : 's'} left.`);
    const fallback = BY_STATUS[err.status] ?? `The server answered HTTP ${err.status}.`;
    const title = body.message ? sentence(body.message) : fallback;
    if (body.message && (err.status === 401 || err.status === 403)) details.push(fallback);
    return { title, details, status: err.status };
  }
  if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return { title: 'The server took too long to answer. Check your connection and try again.', details: [], status: null };
  }
  if (err instanceof TypeError) {
    return { title: 'The server cannot be reached. Check your connection and try again.', details: [err.message], status: null };
  }
  if (err instanceof SyntaxError) {
    return { title: 'The server sent an answer this page cannot read.', details: [err.message], status: null };
  }
  if (err instanceof Error) return { title: sentence(err.message), details: [], status: null };
  return { title: 'Something went wrong.', details: [String(err)], status: null };
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

export function errorStatus(err: unknown): number | null {
  return err instanceof ApiClientError ? err.status : null;
}
