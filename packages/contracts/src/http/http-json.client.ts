import type { ApiError } from '../telemetry/telemetry-responses.js';

/** One request as a transport sends it (the body already JSON text). */
export interface HttpTransportRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

/**
 * How a client's requests travel. The default is the platform's fetch (browsers and Node); a Node program that
 * sends many small requests (the simulator, a load generator) can pass a leaner one.
 */
export type HttpTransport = (url: string, request: HttpTransportRequest) => Promise<{ status: number; text(): Promise<string> }>;

export interface HttpJsonClientOptions {
  baseUrl: string;
  /** Per-request time limit; default 5 s. */
  timeoutMs?: number;
  /** The fetch the default transport uses (the web app's wraps the platform's). */
  fetch?: typeof fetch;
  /** Replaces the fetch-based transport altogether. */
  transport?: HttpTransport;
}

/** The default transport: fetch with an abort signal for the time limit. */
export function fetchTransport(fetchFn: typeof fetch = globalThis.fetch.bind(globalThis)): HttpTransport {
  return (url, r) => fetchFn(url, { method: r.method, headers: r.headers, body: r.body, signal: AbortSignal.timeout(r.timeoutMs) });
}

/** A non-2xx answer from a Wingxtra API, carrying its JSON error body when there is one. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.message ? `HTTP ${status}: ${body.message}` : `HTTP ${status}`);
    this.name = 'ApiClientError';
  }
}

/** The one fetch wrapper every typed client in this package builds on. */
export class HttpJsonClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly transport: HttpTransport;

  constructor(options: HttpJsonClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.transport = options.transport ?? fetchTransport(options.fetch);
  }

  async request<T>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.transport(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      timeoutMs: this.timeoutMs,
    });
    const text = await res.text();
    const ok = res.status >= 200 && res.status <= 299;
    let json: unknown;
    try {
      json = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // A proxy's HTML error page, say: still an ApiClientError with the status, just without a body.
      if (ok) throw new Error(`${method} ${path}: HTTP ${res.status} answered with a body that is not JSON`);
    }
    if (!ok) throw new ApiClientError(res.status, json as ApiError | undefined);
    return json as T;
  }
}
