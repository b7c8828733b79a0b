import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MAX_TELEMETRY_BATCH, TELEMETRY_SCHEMA_VERSIONS } from '@wingxtra/contracts';
import { IngestKeyCheck, type IngestScope } from '../common/api-key.guard.js';
import { apiErrorBody, replyWithApiError } from '../common/api-exception.filter.js';
import { ref } from '../openapi/openapi-ref.js';
import { INGEST_ROUTE } from './telemetry.routes.js';
import { TelemetryService } from './telemetry.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the ingest route's onRequest hook: the drone the key may send for, or null for any. */
    wxIngestScope: IngestScope;
  }
}

/**
 * POST /api/v1/telemetry as a plain Fastify route rather than a Nest controller method: ingest is the hot path,
 * and Nest's router measured a fifth of its throughput (docs/performance.md). The rules stay in
 * TelemetryService; the key is checked in onRequest, before the body is read or parsed.
 */
@Injectable()
export class TelemetryIngestRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly telemetry: TelemetryService,
    private readonly ingestKey: IngestKeyCheck,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Declared up front, so every request object keeps one shape (Fastify's advice for hot paths).
    fastify.decorateRequest('wxIngestScope', null);
    fastify.route({
      method: 'POST',
      url: INGEST_ROUTE,
      onRequest: (request, reply, done) => {
        try {
          request.wxIngestScope = this.ingestKey.authorize(request.headers['x-api-key'], Date.now());
          done();
        } catch (err) {
          replyWithApiError(reply, err);
        }
      },
      errorHandler: (err, _request, reply) => replyWithApiError(reply, err),
      handler: async (request, reply) => {
        const result = await this.telemetry.ingest(request.body, request.ip ?? null, request.wxIngestScope);
        reply.code(result.status);
        if (result.status === 202) return result.body;
        if (result.status === 429) reply.header('retry-after', String(result.retryAfterS));
        const { message, ...extra } = result.body;
        return apiErrorBody(result.status, message, extra);
      },
    });
  }
}

/** One packet of either schema version; schema_version (1 or 2) tells them apart. */
const ANY_PACKET = { oneOf: [ref('TelemetryV1Dto'), ref('TelemetryV2Dto')] };

/** The OpenAPI operation of the route (a plain Fastify route is not seen by @nestjs/swagger). */
export const INGEST_OPENAPI_OPERATION = {
  tags: ['telemetry'],
  summary: `Ingest one telemetry packet (schema v1 or v2), or a JSON array of up to ${MAX_TELEMETRY_BATCH} in any mix of versions`,
  description:
    'Each packet is judged by the schema its schema_version names: TelemetryV1Dto for 1, TelemetryV2Dto for 2 ' +
    '(v1 plus attitude.roll_deg, attitude.pitch_deg, velocity.vz_mps and the power section). Any other ' +
    `schema_version is refused with the field error \`schema_version: must be ${TELEMETRY_SCHEMA_VERSIONS.join(' or ')}\`.`,
  parameters: [{ name: 'X-API-Key', in: 'header', required: true, description: "The drone's own key (wxd_...), which may send only that drone's packets, or the global API_KEY while ALLOW_GLOBAL_INGEST_KEY", schema: { type: 'string' } }],
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: { oneOf: [ANY_PACKET, { type: 'array', maxItems: MAX_TELEMETRY_BATCH, items: ANY_PACKET }] },
      },
    },
  },
  responses: Object.fromEntries(
    (
      [
        [202, 'Counts of accepted, duplicate and rejected packets', 'IngestResultDto'],
        [400, 'No packet is valid, or the body is not JSON; field-level reasons', 'ApiErrorDto'],
        [401, 'Missing or wrong X-API-Key, or a drone key past its grace period', 'ApiErrorDto'],
        [403, "A drone's own key sent only packets of other drones; rejections name each", 'ApiErrorDto'],
        [413, `More than ${MAX_TELEMETRY_BATCH} packets, or body over BODY_LIMIT_BYTES`, 'ApiErrorDto'],
        [415, 'Body is not application/json', 'ApiErrorDto'],
        [429, 'A drone exceeded RATE_LIMIT_RPS; see Retry-After', 'ApiErrorDto'],
        [503, 'Redis unavailable, or drone keys not loaded yet since start-up; retry', 'ApiErrorDto'],
      ] as const
    ).map(([status, description, dto]) => [String(status), { description, content: { 'application/json': { schema: ref(dto) } } }]),
  ),
};
