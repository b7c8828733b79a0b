/** Order states of the delivery state machine (delivery-service spec; docs/state-machine.md). */
export const ORDER_STATUSES = [
  'CREATED',
  'VALIDATED',
  'QUEUED',
  'ASSIGNED',
  'MISSION_SUBMITTED',
  'LAUNCHED',
  'ENROUTE',
  'ARRIVED',
  'DELIVERING',
  'DELIVERED',
  'CANCELED',
  'FAILED',
  'ABORTED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** States an order never leaves. */
export const TERMINAL_ORDER_STATUSES: readonly OrderStatus[] = ['DELIVERED', 'CANCELED', 'FAILED', 'ABORTED'];

/** States in which a drone is flying the order (public tracking shows the drone only then). */
export const IN_FLIGHT_ORDER_STATUSES: readonly OrderStatus[] = ['LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING'];

export const PRIORITIES = ['NORMAL', 'URGENT', 'MEDICAL'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const POD_METHODS = ['PHOTO', 'OTP', 'SIGNATURE', 'OPERATOR_CONFIRM'] as const;
export type PodMethod = (typeof POD_METHODS)[number];

/** JWT `role` claim values. */
export const ROLES = ['CUSTOMER', 'MERCHANT', 'OPS', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const JOB_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELED', 'FAILED', 'ABORTED', 'REPLACED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
