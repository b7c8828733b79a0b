import type { DroneDto, DroneEligibilityDto, DroneLatest } from '@wingxtra/contracts';
import type { AirspacePicture, Intruder } from '../airspace/airspace-traffic.service.js';
import { distanceToRouteM } from '../airspace/route-geometry.js';
import { distanceM, type LatLng } from '../geo/geo.js';

/** Dispatch policy (from DeliveryConfig): the energy model is linear in distance flown. */
export interface DispatchPolicy {
  onlineWithinS: number;
  energyPctPerKm: number;
  batteryMinPct: number;
  cruiseSpeedMps: number;
}

/** What dispatch needs of a drone's record in fleet-api's registry (a DroneDto will do). */
export type RegisteredDrone = Pick<DroneDto, 'drone_id' | 'max_payload_kg' | 'home' | 'active' | 'maintenance'>;

export interface OrderNeeds {
  pickup: LatLng;
  dropoff: LatLng;
  payloadKg: number;
}

/** Short codes for grouping reasons across a fleet ("payload: 4 drones"). */
export type IneligibleCode = 'unregistered' | 'inactive' | 'maintenance' | 'busy' | 'unseen' | 'offline' | 'no_position' | 'payload' | 'no_battery' | 'battery';

export interface Judgement extends DroneEligibilityDto {
  codes: IneligibleCode[];
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The eligibility rule (the one place it lives): a drone may take an order when it is registered in fleet-api's
 * registry and active there, not in maintenance there, not on another job, online (seen within ONLINE_WITHIN_S),
 * can lift the payload (its registered max_payload_kg), and its battery covers drone → pickup → dropoff → home
 * (its registered home, else where it is) plus the reserve. Every failed rule is reported, in words.
 */
export function judgeDrone(
  order: OrderNeeds,
  droneId: string,
  registered: RegisteredDrone | undefined,
  latest: DroneLatest | undefined,
  busy: boolean,
  policy: DispatchPolicy,
  nowMs: number,
): Judgement {
  const codes: IneligibleCode[] = [];
  const reasons: string[] = [];
  const fail = (code: IneligibleCode, reason: string) => {
    codes.push(code);
    reasons.push(reason);
  };
  if (!registered) fail('unregistered', 'not registered (fleet registry)');
  else {
    if (!registered.active) fail('inactive', 'deactivated (fleet registry)');
    if (registered.maintenance) fail('maintenance', 'in maintenance (fleet registry)');
    if (order.payloadKg > registered.max_payload_kg) fail('payload', `payload ${order.payloadKg} kg exceeds its ${registered.max_payload_kg} kg capacity`);
  }
  if (busy) fail('busy', 'on another delivery');

  let distanceToPickup: number | null = null;
  let required: number | null = null;
  const battery = latest?.telemetry.battery?.remaining_pct ?? null;
  if (!latest) fail('unseen', 'never seen by fleet-api');
  else {
    const ageS = (nowMs - Date.parse(latest.last_seen_ts)) / 1000;
    if (ageS > policy.onlineWithinS) fail('offline', `offline (last seen ${Math.round(ageS)} s ago)`);
    const pos = latest.telemetry.position;
    if (!pos) fail('no_position', 'has reported no position');
    else {
      const here = { lat: pos.lat, lng: pos.lon };
      const home = registered?.home ? { lat: registered.home.lat, lng: registered.home.lon } : here;
      distanceToPickup = distanceM(here, order.pickup);
      const tripKm = (distanceToPickup + distanceM(order.pickup, order.dropoff) + distanceM(order.dropoff, home)) / 1000;
      required = round(tripKm * policy.energyPctPerKm + policy.batteryMinPct);
      if (battery === null) fail('no_battery', 'has reported no battery level');
      else if (battery < required) fail('battery', `battery ${battery}% is below the ${required}% a ${round(tripKm, 2)} km trip needs (reserve ${policy.batteryMinPct}%)`);
    }
  }
  return {
    drone_id: droneId,
    eligible: codes.length === 0,
    reasons,
    codes,
    distance_to_pickup_m: distanceToPickup === null ? null : Math.round(distanceToPickup),
    time_to_pickup_s: distanceToPickup === null ? null : round(distanceToPickup / policy.cruiseSpeedMps),
    battery_pct: battery,
    required_battery_pct: required,
  };
}

const CODE_WORDS: Record<IneligibleCode, string> = {
  unregistered: 'not registered',
  inactive: 'deactivated',
  maintenance: 'in maintenance',
  busy: 'on another delivery',
  unseen: 'never seen by fleet-api',
  offline: 'offline',
  no_position: 'without a position',
  payload: 'cannot lift the payload',
  no_battery: 'without a battery reading',
  battery: 'short of battery for the trip',
};

/** "no eligible drone: 3 cannot lift the payload, 2 short of battery for the trip" */
export function summariseIneligible(judgements: Judgement[]): string {
  if (judgements.length === 0) return 'no drone is registered in the fleet registry';
  const counts = new Map<IneligibleCode, number>();
  for (const j of judgements) for (const c of new Set(j.codes)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${n} ${CODE_WORDS[code]}`);
  return `no eligible drone among ${judgements.length}: ${parts.join(', ')}`;
}

/** An intruder near a route, with how near. */
export interface RouteIntrusion {
  intruder: Intruder;
  distanceM: number;
}

/** The intruders within radiusM of the route pickup → dropoff, nearest first. */
export function intrusionsNear(route: { pickup: LatLng; dropoff: LatLng }, intruders: Intruder[], radiusM: number): RouteIntrusion[] {
  return intruders
    .map((intruder) => ({ intruder, distanceM: Math.round(distanceToRouteM({ lat: intruder.lat, lng: intruder.lon }, route.pickup, route.dropoff)) }))
    .filter((i) => i.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM);
}

/**
 * The airspace rule of eligibility (an order-level rule: it holds the order whatever the drone): a new launch is
 * held while an aircraft that is not ours is within the radius of its route, or while the traffic cannot be read
 * (fail-safe). Returns the hold reason, or null when the route is clear or the gate is off (picture null).
 */
export function airspaceHold(order: OrderNeeds, picture: AirspacePicture | null, radiusM: number): string | null {
  if (picture === null) return null;
  if (!picture.known) return `airspace: launch held, ${picture.reason}`;
  const near = intrusionsNear(order, picture.intruders, radiusM);
  if (near.length === 0) return null;
  const list = near.slice(0, 3).map((n) => `${n.intruder.track_id} (${n.intruder.kind}) at ${n.distanceM} m`).join(', ');
  return `airspace: launch held, ${near.length} aircraft not ours within ${radiusM} m of the route: ${list}${near.length > 3 ? ', ...' : ''}`;
}
