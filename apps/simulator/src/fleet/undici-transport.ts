import type { HttpTransport } from '@wingxtra/contracts';
import { Agent, request, type Dispatcher } from 'undici';

/**
 * The transport the simulated fleet sends telemetry and heartbeats through: undici's request API over a
 * keep-alive pool, several times cheaper per request than the platform's fetch (web streams, an AbortSignal and a
 * Response per call), which mattered when one process plays hundreds of drones.
 */
export function undiciTransport(connectionsPerOrigin = 64): { transport: HttpTransport; close(): Promise<void> } {
  const agent = new Agent({ connections: connectionsPerOrigin, keepAliveTimeout: 30_000, pipelining: 1 });
  const transport: HttpTransport = async (url, r) => {
    const res = await request(url, {
      method: r.method as Dispatcher.HttpMethod,
      headers: r.headers,
      body: r.body,
      dispatcher: agent,
      headersTimeout: r.timeoutMs,
      bodyTimeout: r.timeoutMs,
    });
    return { status: res.statusCode, text: () => res.body.text() };
  };
  return { transport, close: () => agent.close() };
}
