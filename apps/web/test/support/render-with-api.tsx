import { jest } from '@jest/globals';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { ApiProvider } from '../../src/api/ApiProvider';
import { AuthProvider, TOKEN_STORAGE_KEY } from '../../src/app/auth/AuthContext';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** An unsigned token of the role (the app only reads it; the services would check it). */
export function testToken(role: 'OPS' | 'ADMIN' | 'MERCHANT', sub = `${role.toLowerCase()}-1`): string {
  return `${b64({ alg: 'HS256' })}.${b64({ sub, role, exp: Math.floor(Date.now() / 1000) + 3600, ...(role === 'MERCHANT' ? { merchant_id: 'm-1' } : {}) })}.sig`;
}

export interface SeenRequest {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

export type Answer = { status: number; body?: unknown };

/**
 * A stand-in fetch (jsdom has none): each request goes to `handler` with its method, path and JSON body, and is
 * answered the way fetch's Response would be. Every request is kept in `requests`.
 */
export function fakeFetch(handler: (r: SeenRequest) => Answer | Promise<Answer>) {
  const requests: SeenRequest[] = [];
  globalThis.fetch = jest.fn(async (input: unknown, init?: RequestInit) => {
    const r: SeenRequest = {
      method: init?.method ?? 'GET',
      url: String(input),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
    };
    requests.push(r);
    const a = await handler(r);
    return { ok: a.status < 300, status: a.status, text: async () => (a.body === undefined ? '' : JSON.stringify(a.body)) };
  }) as unknown as typeof fetch;
  return requests;
}

/** Signs in as `role` and renders the routes at `path`, with the real providers around them. */
export function renderWithApi(path: string, routes: Array<{ path: string; element: ReactElement }>, role: 'OPS' | 'ADMIN' = 'ADMIN') {
  sessionStorage.setItem(TOKEN_STORAGE_KEY, testToken(role));
  return render(
    <AuthProvider>
      <ApiProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
          </Routes>
        </MemoryRouter>
      </ApiProvider>
    </AuthProvider>,
  );
}

/** A controllable EventSource: tests open it, send events and fail it as fleet-api's stream would. */
export class FakeEventSource {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  private readonly listeners = new Map<string, Array<(ev: unknown) => void>>();

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, fn: (ev: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }

  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }

  private fire(type: string, ev: unknown): void {
    for (const fn of this.listeners.get(type) ?? []) fn(ev);
  }

  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.fire('open', {});
  }

  send(type: string, data: unknown): void {
    this.fire(type, { data: JSON.stringify(data) });
  }

  /** The server answered an error: the browser closes the source for good. */
  fail(): void {
    this.readyState = FakeEventSource.CLOSED;
    this.fire('error', {});
  }

  static install(): void {
    FakeEventSource.instances = [];
    (globalThis as Record<string, unknown>).EventSource = FakeEventSource;
  }

  static latest(): FakeEventSource {
    const s = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!s) throw new Error('no EventSource was opened');
    return s;
  }
}
