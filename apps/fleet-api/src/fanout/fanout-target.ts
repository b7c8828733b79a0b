import type { FanoutTargetView } from '@wingxtra/contracts';
import type { FleetConfig } from '../config/fleet-config.js';

export type FanoutTarget = FleetConfig['fanoutTargets'][number];

export const fanoutQueueName = (target: string) => `fanout-${target}`;

/** The target as admins may see it: header values, URL passwords and query values hidden. */
export function maskTarget(target: FanoutTarget): FanoutTargetView {
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '***');
  return {
    name: target.name,
    url: url.toString(),
    headers: Object.fromEntries(Object.keys(target.headers ?? {}).map((h) => [h, '***'])),
    drone_ids: target.drone_ids ?? null,
    batch_size: target.batch_size,
  };
}

/** Whether a target wants this drone's packets. */
export function wantsDrone(target: FanoutTarget, droneId: string): boolean {
  return !target.drone_ids || target.drone_ids.includes(droneId);
}
