import type { ApiError } from '../telemetry/telemetry-responses.js';

export interface HttpJsonClientOptions {
  baseUrl: string;
  /** Per-request time limit; default 5 s. */
  timeoutMs?: number;
  fetch?: typeof fetch;
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
  private readonly fetchFn: typeof fetch;

  constructor(options: HttpJsonClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async request<T>(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.fetchFn(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    const json = text ? (JSON.parse(text) as unknown) : undefined;
    if (!res.ok) throw new ApiClientError(res.status, json as ApiError | undefined);
    return json as T;
  }
}
