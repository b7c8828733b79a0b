import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** apps/fleet-api/static, from src/dashboard or dist/dashboard alike. */
export const DASHBOARD_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'static');
/** Leaflet's own files, served from the installed package: the page needs no CDN (nor internet). */
export const LEAFLET_DIR = join(dirname(createRequire(import.meta.url).resolve('leaflet/package.json')), 'dist');

/**
 * The fleet map page at GET / (fleet-api spec 3.4 and 9): a self-contained Leaflet map and table that polls
 * GET /api/v1/telemetry/latest every 2 s (static/dashboard.js). Its files are under /dashboard/, Leaflet's
 * under /dashboard/vendor/leaflet/. No authentication, like the latest-state endpoints it reads.
 */
export async function registerDashboard(fastify: FastifyInstance): Promise<void> {
  const page = readFileSync(join(DASHBOARD_DIR, 'index.html'), 'utf8');
  // decorateReply: false, so these never clash with another @fastify/static registration.
  await fastify.register(fastifyStatic, { root: DASHBOARD_DIR, prefix: '/dashboard/', decorateReply: false, index: false, wildcard: false });
  await fastify.register(fastifyStatic, { root: LEAFLET_DIR, prefix: '/dashboard/vendor/leaflet/', decorateReply: false, index: false, wildcard: false });
  fastify.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page));
}
