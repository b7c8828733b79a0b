import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiError } from '@wingxtra/contracts';
import { isStoreUnavailable, isUniqueViolation } from './store-errors.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const logger = new Logger('Http');

/** A thrown thing as it will be answered. */
export interface DescribedError {
  status: number;
  message: string;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A service's own errors (domain refusals); undefined leaves the error to the common mapping. */
export type DomainErrorMapper = (exception: unknown) => DescribedError | undefined;

/** The ApiError body for a status: {statusCode, error, message, ...details}. */
export function apiErrorBody(status: number, message: string, extra: Record<string, unknown> = {}): ApiError {
  return { statusCode: status, error: REASONS[status] ?? 'Error', message, ...extra };
}

/**
 * The common mapping: Nest HTTP exceptions, a data store being unreachable (503 + Retry-After), unique
 * violations (409), the errors Fastify raises before a route runs (bad JSON, too large, wrong type), and
 * everything else (500, logged with its stack).
 */
export function describeError(exception: unknown, domain?: DomainErrorMapper): DescribedError {
  const own = domain?.(exception);
  if (own) return own;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (status === 413) return { status, message: 'Request body is too large' };
    if (status === 415) return { status, message: 'Content-Type is not accepted here (send application/json)' };
    if (typeof response === 'string') return { status, message: response };
    const { message, statusCode: _s, error: _e, ...extra } = response as { message?: string | string[]; statusCode?: number; error?: string };
    return { status, message: Array.isArray(message) ? message.join('; ') : (message ?? exception.message), extra };
  }
  if (isStoreUnavailable(exception)) {
    logger.warn(`store unavailable: ${(exception as Error).message}`);
    return { status: 503, message: 'A data store is unavailable; retry shortly', headers: { 'retry-after': '2' } };
  }
  if (isUniqueViolation(exception)) return { status: 409, message: 'A record with the same unique value exists already' };
  const fastify = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastify.statusCode === 'number' && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    const message =
      fastify.statusCode === 413 ? 'Request body is too large'
      : fastify.statusCode === 415 ? 'Content-Type is not accepted here (send application/json)'
      : fastify.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'Body must not be empty'
      : /JSON/.test(fastify.message ?? '') || fastify.message?.startsWith('Unexpected') ? `Body is not valid JSON: ${fastify.message}`
      : (fastify.message ?? 'Bad request');
    return { status: fastify.statusCode, message };
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { status: 500, message: 'Internal server error' };
}

/** Every error leaves as an ApiError body; pass the service's domain mapper, if it has one. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly domain?: DomainErrorMapper) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) return;
    const { status, message, extra, headers } = describeError(exception, this.domain);
    void reply.status(status).headers(headers ?? {}).send(apiErrorBody(status, message, extra));
  }
}
