import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyHttpProxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { API_SERVICES, PROXY_PREFIXES, SERVICE_API_ROOT, SERVICE_NAMES, type ApiService } from './proxy-map.js';
import { RUNTIME_CONFIG_PATH, runtimeConfigScript } from './runtime-config.js';
import { runtimeConfigOf, type WebConfig } from './web-config.js';

/** Where Vite writes the app: dist/public beside this file's dist/server. */
export const DEFAULT_STATIC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');

const PINO_LEVELS: Record<string, string> = { DEBUG: 'debug', INFO: 'info', WARNING: 'warn', WARN: 'warn', ERROR: 'error' };

/** Query parameters that carry a credential (the alert stream's ?access_token=, as EventSource sends no headers). */
const SECRET_PARAMS = ['access_token', 'token'];

/** A request URL fit for a log line: the value of every credential parameter replaced by ***. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      return eq >= 0 && SECRET_PARAMS.includes(name.toLowerCase()) ? `${pair.slice(0, eq)}=***` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}

/** What a request contributes to a log line (Fastify's default fields, with the URL redacted). */
export function requestLogFields(req: Pick<FastifyRequest, 'method' | 'url' | 'host' | 'ip'>): Record<string, string> {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip };
}

function upstreamOf(config: WebConfig, service: ApiService): string {
  return { fleet: config.FLEET_API_URL, delivery: config.DELIVERY_API_URL, analytics: config.ANALYTICS_API_URL }[service];
}

/** An ApiError body, the shape every Wingxtra API answers errors with, so the app reads ours the same way. */
function apiError(reply: FastifyReply, statusCode: number, error: string, message: string): FastifyReply {
  return reply.code(statusCode).header('cache-control', 'no-store').send({ statusCode, error, message });
}

/**
 * The web server: the built app, its runtime config, and the three APIs behind one address (one prefix per
 * service, see proxy-map.ts). Responses stream through unbuffered, so fleet-api's Server-Sent Events reach
 * the browser as they are written.
 */
export async function buildWebServer(config: WebConfig): Promise<FastifyInstance> {
  const staticDir = config.STATIC_DIR || DEFAULT_STATIC_DIR;
  const indexHtml = join(staticDir, 'index.html');
  const app = Fastify({
    logger: { level: PINO_LEVELS[config.LOG_LEVEL] ?? 'info', serializers: { req: requestLogFields } },
    trustProxy: config.TRUST_PROXY,
    // One line per request only at DEBUG: every API call passes through here.
    logController: new LogController({ disableRequestLogging: config.LOG_LEVEL !== 'DEBUG' }),
    // Event streams never end by themselves: a shutdown closes them rather than waiting.
    forceCloseConnections: true,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) =>
    existsSync(indexHtml) ? { status: 'ok' } : reply.code(503).send({ status: 'unavailable', reason: `the app is not built: ${indexHtml} is missing` }),
  );
  const script = runtimeConfigScript(runtimeConfigOf(config));
  app.get(RUNTIME_CONFIG_PATH, async (_req, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'no-store').send(script),
  );

  for (const service of API_SERVICES) {
    const name = SERVICE_NAMES[service];
    await app.register(fastifyHttpProxy, {
      upstream: upstreamOf(config, service),
      prefix: PROXY_PREFIXES[service],
      rewritePrefix: SERVICE_API_ROOT,
      // The event stream idles between keep-alive comments, so only the wait for headers is bounded.
      undici: { headersTimeout: config.PROXY_TIMEOUT_S * 1000, bodyTimeout: 0 },
      replyOptions: {
        // Pass the service's own 503 (with its Retry-After) to the app instead of retrying here.
        retryDelay: () => null,
        rewriteRequestHeaders: (req, headers) => ({
          ...headers,
          'x-forwarded-for': [headers['x-forwarded-for'], req.socket.remoteAddress].flat().filter(Boolean).join(', '),
          'x-forwarded-proto': req.protocol,
          'x-forwarded-host': req.host,
        }),
        onError: (reply, { error }) => {
          const timeout = (error as Error & { statusCode?: number }).statusCode === 504;
          reply.log.warn({ service: name, err: error.message }, 'upstream request failed');
          apiError(
            reply as FastifyReply,
            timeout ? 504 : 502,
            timeout ? 'Gateway Timeout' : 'Bad Gateway',
            timeout
              ? `${name} did not answer within ${config.PROXY_TIMEOUT_S} s; retry shortly`
              : `${name} is unreachable (${(error.cause as Error | undefined)?.message ?? error.message}); retry shortly`,
          );
        },
      },
    });
  }

  if (existsSync(staticDir)) {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // File names under /assets/ carry a content hash, so they never change; everything else is revalidated.
      // (@fastify/static hands over the raw ServerResponse here, whatever its types say.)
      setHeaders: (res, path) => {
        (res as unknown as ServerResponse).setHeader('cache-control', path.startsWith(join(staticDir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  // Client-side routes (/ops/map, /t/<id>, ...) all load the app; unknown /api/ paths get an API error.
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0]!;
    if (path === '/api' || path.startsWith('/api/')) {
      const prefixes = API_SERVICES.map((s) => `${PROXY_PREFIXES[s]}/v1/... (${SERVICE_NAMES[s]})`).join(', ');
      return apiError(reply, 404, 'Not Found', `No API at ${path}: use ${prefixes}`);
    }
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /\.[a-z0-9]+$/i.test(path)) {
      return apiError(reply, 404, 'Not Found', `Cannot ${req.method} ${path}`);
    }
    if (!existsSync(indexHtml)) return apiError(reply, 503, 'Service Unavailable', 'The web app is not built (run pnpm --filter @wingxtra/web build)');
    return reply.header('cache-control', 'no-cache').sendFile('index.html', staticDir);
  });

  return app;
}
