import { TERMINAL_ORDER_STATUSES, type OrderStatus } from '@wingxtra/contracts';

/**
 * The delivery state machine: the one table of legal transitions (docs/state-machine.md draws it).
 * Every status change in the service goes through OrderStateRepository.transition, which checks it here.
 *
 * Beyond the happy path CREATED → … → DELIVERED:
 * - VALIDATED waits for a scheduled time; QUEUED/ASSIGNED → VALIDATED is a reschedule.
 * - ASSIGNED → QUEUED gives the drone back (reassignment); in-flight states → QUEUED re-queue the order as a
 *   new job after a failed or aborted attempt, where policy allows.
 * - ARRIVED → DELIVERED: a proof of delivery recorded at arrival skips DELIVERING.
 * - Once a drone is airborne (LAUNCHED and later) an order can no longer be canceled: the GCS aborts it.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  CREATED: ['VALIDATED', 'CANCELED', 'FAILED'],
  VALIDATED: ['QUEUED', 'CANCELED'],
  QUEUED: ['ASSIGNED', 'VALIDATED', 'CANCELED'],
  ASSIGNED: ['MISSION_SUBMITTED', 'QUEUED', 'VALIDATED', 'CANCELED', 'FAILED'],
  MISSION_SUBMITTED: ['LAUNCHED', 'QUEUED', 'CANCELED', 'ABORTED', 'FAILED'],
  LAUNCHED: ['ENROUTE', 'QUEUED', 'ABORTED', 'FAILED'],
  ENROUTE: ['ARRIVED', 'QUEUED', 'ABORTED', 'FAILED'],
  ARRIVED: ['DELIVERING', 'DELIVERED', 'QUEUED', 'ABORTED', 'FAILED'],
  DELIVERING: ['DELIVERED', 'ABORTED', 'FAILED'],
  DELIVERED: [],
  CANCELED: [],
  FAILED: [],
  ABORTED: [],
};

export function allowedTransitions(from: OrderStatus): readonly OrderStatus[] {
  return ORDER_TRANSITIONS[from];
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.includes(status);
}

/** States in which the order holds an ACTIVE job (a drone is committed to it). */
export const JOB_HOLDING_STATUSES: readonly OrderStatus[] = ['ASSIGNED', 'MISSION_SUBMITTED', 'LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING'];

/** A transition the table does not allow (409, naming the allowed ones). */
export class IllegalTransitionError extends Error {
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    const allowed = allowedTransitions(from);
    super(
      `Order is ${from}; it cannot become ${to}. ` +
        (allowed.length ? `Allowed from ${from}: ${allowed.join(', ')}` : `${from} is final`),
    );
    this.name = 'IllegalTransitionError';
  }

  get allowed(): readonly OrderStatus[] {
    return allowedTransitions(this.from);
  }
}

/** Another transition changed the order between read and write (409; re-read and retry). */
export class ConcurrentTransitionError extends Error {
  constructor(orderId: string) {
    super(`Order ${orderId} was changed by another request at the same time; reload it and try again`);
    this.name = 'ConcurrentTransitionError';
  }
}
