import type { DescribedError } from '@wingxtra/service-kit';
import { ConcurrentTransitionError, IllegalTransitionError } from '../state-machine/order-transitions.js';
import { OrderNotFoundError } from '../state-machine/order-state.repository.js';
import { ProblemError } from './problem.error.js';

const PROOF_TYPES = 'Content-Type must be application/json (or multipart/form-data for photo and signature proofs)';

/** delivery-service's own refusals, for service-kit's ApiExceptionFilter (which maps everything else). */
export function describeDeliveryError(exception: unknown): DescribedError | undefined {
  if (exception instanceof ProblemError) return { status: exception.status, message: exception.message, extra: exception.details, headers: exception.headers };
  if (exception instanceof IllegalTransitionError) return { status: 409, message: exception.message, extra: { from: exception.from, to: exception.to, allowed: exception.allowed } };
  if (exception instanceof ConcurrentTransitionError) return { status: 409, message: exception.message };
  if (exception instanceof OrderNotFoundError) return { status: 404, message: exception.message };
  const status = (exception as { statusCode?: number; getStatus?: () => number }).statusCode ?? (exception as { getStatus?: () => number }).getStatus?.();
  if (status === 415) return { status, message: PROOF_TYPES };
  return undefined;
}
