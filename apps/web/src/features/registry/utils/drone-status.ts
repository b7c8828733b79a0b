import type { DroneDto, DroneStatus } from '@wingxtra/contracts/client';

export const DRONE_STATUS_LABELS: Record<DroneStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  offline: 'Offline',
  maintenance: 'Maintenance',
};

/** The status a person should read: a deactivated drone is that first, whatever its last derived status. */
export function droneStatusLabel(d: Pick<DroneDto, 'status' | 'active'>): { label: string; className: string } {
  if (!d.active) return { label: 'Deactivated', className: 'badge-deactivated' };
  return { label: DRONE_STATUS_LABELS[d.status], className: `badge-${d.status}` };
}
