import type { OrderStatus, Role } from '@wingxtra/contracts/client';

export type OrderAction = 'dispatch' | 'assign' | 'cancel' | 'reschedule' | 'submitIntent' | 'pod';

/** What each action is, for buttons and headings. */
export const ACTION_LABELS: Record<OrderAction, string> = {
  dispatch: 'Auto-dispatch',
  assign: 'Assign a drone',
  cancel: 'Cancel order',
  reschedule: 'Reschedule',
  submitIntent: 'Submit mission intent',
  pod: 'Record proof of delivery',
};

const EARLY: readonly OrderStatus[] = ['CREATED', 'VALIDATED', 'QUEUED'];

/**
 * The actions a role may take on an order in its status, after docs/state-machine.md "Merchant and operator
 * limits" (the service decides; this only keeps buttons that would be refused out of the way).
 */
export function availableActions(status: OrderStatus, role: Role): OrderAction[] {
  const ops = role === 'OPS' || role === 'ADMIN';
  const out: OrderAction[] = [];
  if (ops && status === 'QUEUED') out.push('dispatch');
  if (ops && (status === 'QUEUED' || status === 'ASSIGNED')) out.push('assign');
  if (ops && status === 'ASSIGNED') out.push('submitIntent');
  if (status === 'ARRIVED' || status === 'DELIVERING') out.push('pod');
  if (ops ? ['VALIDATED', 'QUEUED', 'ASSIGNED'].includes(status) : EARLY.includes(status)) out.push('reschedule');
  if (ops ? [...EARLY, 'ASSIGNED', 'MISSION_SUBMITTED'].includes(status) : EARLY.includes(status)) out.push('cancel');
  return out;
}

/** The public tracking page of an order on this site. */
export function trackingUrl(publicTrackingId: string, origin = window.location.origin): string {
  return `${origin}/t/${encodeURIComponent(publicTrackingId)}`;
}
