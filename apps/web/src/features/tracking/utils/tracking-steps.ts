import type { OrderStatus, TrackingMilestoneDto } from '@wingxtra/contracts/client';

/** The steps a customer sees, in order; each is reached by the statuses listed. */
export const TRACKING_STEPS: Array<{ label: string; statuses: readonly OrderStatus[] }> = [
  { label: 'Order placed', statuses: ['CREATED', 'VALIDATED', 'QUEUED'] },
  { label: 'Drone assigned', statuses: ['ASSIGNED', 'MISSION_SUBMITTED'] },
  { label: 'Took off', statuses: ['LAUNCHED'] },
  { label: 'On the way', statuses: ['ENROUTE'] },
  { label: 'Arrived', statuses: ['ARRIVED', 'DELIVERING'] },
  { label: 'Delivered', statuses: ['DELIVERED'] },
];

const ENDED: Partial<Record<OrderStatus, string>> = {
  CANCELED: 'This delivery was canceled.',
  FAILED: 'This delivery could not be completed.',
  ABORTED: 'This delivery was stopped for safety.',
};

/** A sentence for the status, as the customer should read it. */
export function statusHeadline(status: OrderStatus): string {
  switch (status) {
    case 'CREATED':
    case 'VALIDATED':
      return 'Your order is confirmed and waiting for its delivery time.';
    case 'QUEUED':
      return 'Your order is confirmed; a drone will be assigned shortly.';
    case 'ASSIGNED':
    case 'MISSION_SUBMITTED':
      return 'A drone has been assigned to your delivery.';
    case 'LAUNCHED':
      return 'The drone has taken off.';
    case 'ENROUTE':
      return 'Your delivery is on its way.';
    case 'ARRIVED':
    case 'DELIVERING':
      return 'The drone has arrived at the dropoff.';
    case 'DELIVERED':
      return 'Delivered.';
    default:
      return ENDED[status] ?? status;
  }
}

export interface StepView {
  label: string;
  state: 'done' | 'current' | 'todo';
  at: string | null;
}

/** The steps with which are done, which is current, and when each was reached (its first milestone). */
export function trackingSteps(status: OrderStatus, milestones: readonly TrackingMilestoneDto[]): StepView[] {
  const current = TRACKING_STEPS.findIndex((s) => s.statuses.includes(status));
  const reached = milestones.reduce((max, m) => Math.max(max, TRACKING_STEPS.findIndex((s) => s.statuses.includes(m.status))), -1);
  return TRACKING_STEPS.map((step, i) => {
    const first = milestones.find((m) => step.statuses.includes(m.status));
    let state: StepView['state'];
    if (current < 0) state = i <= reached ? 'done' : 'todo'; // ended without delivery: what was reached stays done
    else if (i < current || (i === current && status === 'DELIVERED')) state = 'done';
    else state = i === current ? 'current' : 'todo';
    return { label: step.label, state, at: first?.at ?? null };
  });
}

/** True for the statuses that end a delivery without it being delivered. */
export function endedWithoutDelivery(status: OrderStatus): boolean {
  return status in ENDED;
}

/** "about 3 min", "less than a minute". */
export function fmtEta(seconds: number | null): string | null {
  if (seconds === null || !Number.isFinite(seconds)) return null;
  if (seconds < 60) return 'less than a minute';
  const min = Math.round(seconds / 60);
  return min < 60 ? `about ${min} min` : `about ${Math.floor(min / 60)} h ${min % 60} min`;
}

/** How the delivery was confirmed, in a customer's words. */
export function podMethodWords(method: string): string {
  return ({ OTP: 'your delivery code', PHOTO: 'a photo', SIGNATURE: 'a signature', OPERATOR_CONFIRM: 'our operator' } as Record<string, string>)[method] ?? method.toLowerCase();
}
