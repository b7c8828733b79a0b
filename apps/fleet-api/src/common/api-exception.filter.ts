import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiError } from '@wingxtra/contracts';
import { StoreUnavailableError } from './store-unavailable.error.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Every error leaves as the contracts' ApiError body: {statusCode, error, message[, rejections]}. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, message, extra, headers } = this.describe(exception);
    const body: ApiError = { statusCode: status, error: REASONS[status] ?? 'Error', message, ...extra };
    if (reply.sent || reply.raw.headersSent) return;
    reply.status(status).headers(headers).send(body);
  }

  private describe(exception: unknown): { status: number; message: string; extra: object; headers: Record<string, string> } {
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const status = exception.getStatus();
      // Fastify's body errors reach here wrapped, with only the reason phrase as message.
      if (status === 413 || status === 415) return { status, message: this.fastifyMessage({ statusCode: status }), extra: {}, headers: {} };
      if (typeof response === 'string') return { status, message: response, extra: {}, headers: {} };
      const { message, statusCode: _s, error: _e, ...extra } = response as { message?: string | string[]; statusCode?: number; error?: string };
      return { status, message: Array.isArray(message) ? message.join('; ') : (message ?? exception.message), extra, headers: {} };
    }
    if (exception instanceof StoreUnavailableError) {
      this.logger.warn(exception.message);
      return { status: 503, message: 'Telemetry store unavailable; retry shortly', extra: {}, headers: { 'retry-after': '1' } };
    }
    // Errors Fastify raises before the route runs (body too large, bad JSON, wrong content type).
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return { status: fastifyError.statusCode, message: this.fastifyMessage(fastifyError), extra: {}, headers: {} };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error', extra: {}, headers: {} };
  }

  private fastifyMessage(err: { statusCode?: number; code?: string; message?: string }): string {
    if (err.statusCode === 413) return 'Request body is too large';
    if (err.statusCode === 415) return 'Content-Type must be application/json';
    switch (err.code) {
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return 'Body must not be empty';
      default:
        return err.message?.startsWith('Unexpected') || err.message?.includes('JSON') ? `Body is not valid JSON: ${err.message}` : (err.message ?? 'Bad request');
    }
  }
}
