/** A kit request that failed: `reachable` when the kit answered, but not with usable JSON. */
export class KitRequestError extends Error {
  constructor(
    message: string,
    readonly reachable: boolean,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'KitRequestError';
  }
}

export interface KitClientSettings {
  timeoutMs: number;
  maxRetries: number;
  /** Step of the linear delay between retries of a timed-out request (1st retry after 1 step, 2nd after 2, ...). */
  retryStepMs: number;
}

/** Waits ms, or less when the signal aborts (the listener is removed either way, so none pile up). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Most bytes read from one kit answer (a DragonSync list is a few kB; a runaway answer is cut off). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * GETs one kit endpoint as JSON. A timeout is retried up to maxRetries times with a linear delay; a refused or
 * failed connection, an HTTP error status or a body that is not JSON fails at once (the kit's backoff takes over).
 */
export async function fetchKitJson(url: string, settings: KitClientSettings, stop?: AbortSignal): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(url, settings.timeoutMs, stop);
    } catch (err) {
      if (!(err instanceof KitRequestError) || !err.timedOut || stop?.aborted) throw err;
      if (attempt >= settings.maxRetries) throw new KitRequestError(`${err.message}${attempt > 0 ? ` after ${attempt} retries` : ''}`, false, true);
      await sleep(settings.retryStepMs * (attempt + 1), stop);
    }
  }
}

async function fetchOnce(url: string, timeoutMs: number, stop?: AbortSignal): Promise<unknown> {
  const path = new URL(url).pathname;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = stop ? AbortSignal.any([timeout, stop]) : timeout;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal, redirect: 'follow' });
  } catch (err) {
    if (timeout.aborted) throw new KitRequestError(`timeout fetching ${path} (${timeoutMs} ms)`, false, true);
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new KitRequestError(`request error fetching ${path}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, false);
  }
  let text: string;
  try {
    text = await readCapped(res, MAX_BODY_BYTES);
  } catch (err) {
    if (timeout.aborted) throw new KitRequestError(`timeout fetching ${path} (${timeoutMs} ms)`, false, true);
    throw new KitRequestError(`${(err as Error).message} reading ${path}`, true);
  }
  if (!res.ok) throw new KitRequestError(`HTTP ${res.status} fetching ${path}`, true);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new KitRequestError(`invalid JSON from ${path}`, true);
  }
}

async function readCapped(res: Response, max: number): Promise<string> {
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) throw new Error(`answer larger than ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
