import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiError } from '@wingxtra/contracts';
import { isStoreUnavailable, isUniqueViolation } from '@wingxtra/service-kit';
import { StoreUnavailableError } from './store-unavailable.error.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const logger = new Logger('Http');

/** An API error as it leaves: status, the contracts' ApiError body, and any headers. */
export interface ApiErrorReply {
  status: number;
  body: ApiError;
  headers: Record<string, string>;
}

/**
 * The one mapping from anything thrown to the ApiError body {statusCode, error, message[, rejections]}: Nest
 * HTTP exceptions, Redis being unreachable (503), the errors Fastify raises before a route runs (body too
 * large, not JSON, bad JSON), and everything else (500, logged).
 */
export function toApiError(exception: unknown): ApiErrorReply {
  const { status, message, extra, headers } = describe(exception);
  return { status, body: apiErrorBody(status, message, extra), headers };
}

/** The ApiError body for a status: {statusCode, error (the reason phrase), message, ...extra}. */
export function apiErrorBody(status: number, message: string, extra: object = {}): ApiError {
  return { statusCode: status, error: REASONS[status] ?? 'Error', message, ...extra };
}

/** Sends toApiError(exception) unless a reply already went out. */
export function replyWithApiError(reply: FastifyReply, exception: unknown): void {
  if (reply.sent || reply.raw.headersSent) return;
  const { status, body, headers } = toApiError(exception);
  void reply.status(status).headers(headers).send(body);
}

/** Every error of a Nest route leaves through toApiError. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    replyWithApiError(host.switchToHttp().getResponse<FastifyReply>(), exception);
  }
}

function describe(exception: unknown): { status: number; message: string; extra: object; headers: Record<string, string> } {
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    const status = exception.getStatus();
    // Fastify's body errors reach Nest's filters wrapped, with only the reason phrase as message.
    if (status === 413 || status === 415) return { status, message: fastifyMessage({ statusCode: status }), extra: {}, headers: {} };
    if (typeof response === 'string') return { status, message: response, extra: {}, headers: {} };
    const { message, statusCode: _s, error: _e, ...extra } = response as { message?: string | string[]; statusCode?: number; error?: string };
    return { status, message: Array.isArray(message) ? message.join('; ') : (message ?? exception.message), extra, headers: {} };
  }
  if (exception instanceof StoreUnavailableError) {
    logger.warn(exception.message);
    return { status: 503, message: 'Telemetry store unavailable; retry shortly', extra: {}, headers: { 'retry-after': '1' } };
  }
  if (isStoreUnavailable(exception)) {
    // The registry's PostgreSQL (ingest never waits on it, see docs/operations.md).
    logger.warn(`registry database unavailable: ${(exception as Error).message}`);
    return { status: 503, message: 'Registry database unavailable; retry shortly', extra: {}, headers: { 'retry-after': '2' } };
  }
  if (isUniqueViolation(exception)) return { status: 409, message: 'A record with the same unique value exists already', extra: {}, headers: {} };
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, message: fastifyMessage(fastifyError), extra: {}, headers: {} };
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error', extra: {}, headers: {} };
}

function fastifyMessage(err: { statusCode?: number; code?: string; message?: string }): string {
  if (err.statusCode === 413) return 'Request body is too large';
  if (err.statusCode === 415) return 'Content-Type must be application/json';
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'Body must not be empty';
  return err.message?.startsWith('Unexpected') || err.message?.includes('JSON') ? `Body is not valid JSON: ${err.message}` : (err.message ?? 'Bad request');
}
