import type { AlertDto } from '@wingxtra/contracts/client';

let n = 0;

/** An alert as fleet-api answers it; `patch` changes what a test is about. */
export function alert(patch: Partial<AlertDto> = {}): AlertDto {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    drone_id: 'WX-DRN-001',
    rule: 'low_battery',
    state: 'active',
    severity: 'warning',
    message: 'battery at 15 % (threshold 20 %)',
    details: { battery_pct: 15 },
    raised_at: new Date(Date.now() - 60_000).toISOString(),
    acknowledged_at: null,
    acknowledged_by: null,
    ack_note: null,
    cleared_at: null,
    clear_reason: null,
    ...patch,
  };
}

export function acknowledged(a: AlertDto, by = 'ops-1'): AlertDto {
  return { ...a, state: 'acknowledged', acknowledged_at: new Date().toISOString(), acknowledged_by: by };
}

export function cleared(a: AlertDto, reason = 'battery back at 30 %'): AlertDto {
  return { ...a, state: 'cleared', cleared_at: new Date().toISOString(), clear_reason: reason };
}
