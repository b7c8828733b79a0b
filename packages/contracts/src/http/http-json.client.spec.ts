import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApiClientError, HttpJsonClient, type HttpTransport } from './http-json.client.js';

describe('HttpJsonClient', () => {
  let server: Server;
  let baseUrl = '';
  const seen: Array<{ method?: string; url?: string; type?: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, type: req.headers['content-type'], body });
        if (req.url === '/json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        if (req.url === '/refused') return void res.writeHead(422, { 'content-type': 'application/json' }).end('{"statusCode":422,"error":"Unprocessable Entity","message":"payload too heavy"}');
        if (req.url === '/html-error') return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
        if (req.url === '/html-ok') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
        if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('{}'), 500);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends JSON and reads JSON back', async () => {
    const client = new HttpJsonClient({ baseUrl });
    expect(await client.request('POST', '/json', { body: { a: 1 } })).toEqual({ ok: true });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/json', type: 'application/json', body: '{"a":1}' });
    expect(await client.request('GET', '/empty')).toBeUndefined();
  });

  it('turns a refusal into an ApiClientError carrying the API error body', async () => {
    const err = await new HttpJsonClient({ baseUrl }).request('GET', '/refused').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err).toMatchObject({ status: 422, message: 'HTTP 422: payload too heavy', body: { message: 'payload too heavy' } });
  });

  it('is still an ApiClientError with the status when an error answer is not JSON (a proxy page)', async () => {
    const err = await new HttpJsonClient({ baseUrl }).request('GET', '/html-error').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err).toMatchObject({ status: 502, message: 'HTTP 502', body: undefined });
  });

  it('says so when a successful answer is not JSON', async () => {
    await expect(new HttpJsonClient({ baseUrl }).request('GET', '/html-ok')).rejects.toThrow('GET /html-ok: HTTP 200 answered with a body that is not JSON');
  });

  it('gives up after its time limit', async () => {
    await expect(new HttpJsonClient({ baseUrl, timeoutMs: 100 }).request('GET', '/slow')).rejects.toThrow();
  });

  it('sends through the transport it is given, with the time limit', async () => {
    const calls: Array<[string, { method: string; timeoutMs: number; body?: string }]> = [];
    const transport: HttpTransport = async (url, r) => (calls.push([url, r]), { status: 201, text: async () => '{"id":7}' });
    expect(await new HttpJsonClient({ baseUrl: 'http://fleet.example', timeoutMs: 1234, transport }).request('PUT', '/x', { body: [1] })).toEqual({ id: 7 });
    expect(calls).toEqual([['http://fleet.example/x', expect.objectContaining({ method: 'PUT', timeoutMs: 1234, body: '[1]' })]]);
  });
});
