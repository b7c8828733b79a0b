import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiError } from '@wingxtra/contracts';
import { ConcurrentTransitionError, IllegalTransitionError } from '../state-machine/order-transitions.js';
import { OrderNotFoundError } from '../state-machine/order-state.repository.js';
import { ProblemError } from './problem.error.js';
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

interface Described {
  status: number;
  message: string;
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The ApiError body for a status: {statusCode, error, message, ...details}. */
export function apiErrorBody(status: number, message: string, extra: Record<string, unknown> = {}): ApiError {
  return { statusCode: status, error: REASONS[status] ?? 'Error', message, ...extra };
}

/** The one mapping from anything thrown to a status and an ApiError body. */
export function describeError(exception: unknown): Described {
  if (exception instanceof ProblemError) return { status: exception.status, message: exception.message, extra: exception.details, headers: exception.headers };
  if (exception instanceof IllegalTransitionError) return { status: 409, message: exception.message, extra: { from: exception.from, to: exception.to, allowed: exception.allowed } };
  if (exception instanceof ConcurrentTransitionError) return { status: 409, message: exception.message };
  if (exception instanceof OrderNotFoundError) return { status: 404, message: exception.message };
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (status === 413) return { status, message: 'Request body is too large' };
    if (status === 415) return { status, message: 'Content-Type must be application/json (or multipart/form-data for photo and signature proofs)' };
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
      : fastify.statusCode === 415 ? 'Content-Type must be application/json (or multipart/form-data for photo and signature proofs)'
      : fastify.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'Body must not be empty'
      : /JSON/.test(fastify.message ?? '') || fastify.message?.startsWith('Unexpected') ? `Body is not valid JSON: ${fastify.message}`
      : (fastify.message ?? 'Bad request');
    return { status: fastify.statusCode, message };
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { status: 500, message: 'Internal server error' };
}

/** Every error leaves as an ApiError body. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent || reply.raw.headersSent) return;
    const { status, message, extra, headers } = describeError(exception);
    void reply.status(status).headers(headers ?? {}).send(apiErrorBody(status, message, extra));
  }
}
