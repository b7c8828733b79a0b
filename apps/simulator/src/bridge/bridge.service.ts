import { createHash } from 'node:crypto';
import { Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { IN_FLIGHT_ORDER_STATUSES, MISSION_ACTIONS, type MissionEventDto, type MissionIntentDto } from '@wingxtra/contracts';
import { SimulatorConfig } from '../config/simulator-config.js';
import { FleetService } from '../fleet/fleet.service.js';
import type { DroneEvent, Mission, SimDrone } from '../fleet/sim-drone.js';
import { intentProblems } from './intent-validator.js';
import { MissionEventsClient, type EventOutcome } from './mission-events.client.js';

/** The bridge's answer to an accepted intent (202, or 200 for a repeat of one it has). */
export interface IntentAcceptance {
  intent_id: string;
  status: 'ACCEPTED';
  drone_id: string;
  /** true when the drone flies it after its current flight and turnaround. */
  queued: boolean;
}

/** A payload the driver (or anyone) may now confirm: the drone released it over the dropoff. */
export interface DroppedPayload {
  intentId: string;
  orderId: string;
  droneId: string;
}

interface ReceivedIntent {
  bodySha256: string;
  acceptance: IntentAcceptance;
  orderId: string;
}

/** Order states in which the drone of the order's job is flying it. */
const FLYING = new Set<string>(['MISSION_SUBMITTED', ...IN_FLIGHT_ORDER_STATUSES]);

/** Intents remembered for repeats (delivery-service retries after a lost answer); the oldest are forgotten first. */
const REMEMBERED_INTENTS = 10_000;

/**
 * The GCS bridge side of docs/mission-intent.md: checks each intent against the published contract and against
 * what the assigned drone can do, flies it with that simulated drone, and reports its progress and failsafes back
 * to delivery-service as signed mission events.
 */
@Injectable()
export class BridgeService {
  readonly events: MissionEventsClient;
  /** Intents accepted, refused, and abandoned because delivery-service stopped wanting them. */
  readonly stats = { accepted: 0, refused: 0, abandoned: 0 };
  private readonly logger = new Logger('GcsBridge');
  private readonly received = new Map<string, ReceivedIntent>();
  private readonly dropListeners: Array<(p: DroppedPayload) => void> = [];

  constructor(
    config: SimulatorConfig,
    private readonly fleet: FleetService,
  ) {
    this.events = new MissionEventsClient(config.DELIVERY_API_URL, config.GCS_BRIDGE_SECRET);
    fleet.onEvents((drone, events) => this.onDroneEvents(drone, events));
  }

  /** Called once delivery-service has moved an order to DELIVERING on a drop. */
  onDropped(listener: (p: DroppedPayload) => void): void {
    this.dropListeners.push(listener);
  }

  /**
   * Takes a signed intent (the signature was checked by the caller): 202 with the acceptance, or the stored
   * acceptance again for a repeat; 422 naming every reason it is refused.
   */
  receive(intentId: string, rawBody: string, body: unknown): { repeat: boolean; acceptance: IntentAcceptance } {
    const sha = createHash('sha256').update(rawBody).digest('hex');
    const known = this.received.get(intentId);
    if (known) {
      if (known.bodySha256 !== sha) throw refusal(`Intent ${intentId} was received before with a different body`, []);
      return { repeat: true, acceptance: known.acceptance };
    }
    const problems = intentProblems(body);
    if (problems.length > 0) {
      throw new UnprocessableEntityException({ message: `The mission intent does not satisfy its contract: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, errors: problems });
    }
    const intent = body as MissionIntentDto;
    if (intent.intent_id !== intentId) throw refusal(`intent_id ${intent.intent_id} is not the idempotency-key ${intentId} the request was signed for`, []);
    const reasons: string[] = [];
    if (intent.actions.join(',') !== MISSION_ACTIONS.join(',')) reasons.push(`this GCS flies the actions ${MISSION_ACTIONS.join(', ')} in that order; got ${intent.actions.join(', ')}`);
    const drone = this.fleet.drone(intent.drone_id);
    if (!drone) reasons.push(`drone ${intent.drone_id} is not in this fleet`);
    const mission = toMission(intent);
    const unable = drone?.refusal(mission);
    if (unable) reasons.push(unable);
    if (reasons.length > 0 || !drone) {
      this.stats.refused++;
      this.logger.warn(`refused intent ${intentId} for ${intent.drone_id}: ${reasons.join('; ')}`);
      throw refusal(`The GCS cannot fly this intent: ${reasons.join('; ')}`, reasons);
    }
    const queued = drone.assign(mission) === 'QUEUED';
    const acceptance: IntentAcceptance = { intent_id: intentId, status: 'ACCEPTED', drone_id: drone.id, queued };
    this.remember(intentId, { bodySha256: sha, acceptance, orderId: intent.order_id });
    this.stats.accepted++;
    this.logger.log(`accepted intent ${intentId} (order ${intent.order_id}) for ${drone.id}${queued ? ', after its current flight' : ''}`);
    return { repeat: false, acceptance };
  }

  /** Whether this process received the intent (a restarted simulator has forgotten its missions). */
  knows(intentId: string): boolean {
    return this.received.has(intentId);
  }

  /**
   * Tells delivery-service that a mission it believes is flying is not: the bridge restarted and lost it (an
   * ABORTED event, so the attempt ends and the order is re-queued or aborted and the drone released).
   */
  reportLost(intentId: string, reason: string): Promise<EventOutcome> {
    this.logger.warn(`intent ${intentId}: ${reason}`);
    return this.events.report(intentId, { event_id: `${intentId}:ABORTED:lost`, type: 'ABORTED', reason, at: new Date().toISOString() });
  }

  private remember(intentId: string, r: ReceivedIntent): void {
    this.received.set(intentId, r);
    if (this.received.size > REMEMBERED_INTENTS) this.received.delete(this.received.keys().next().value!);
  }

  private onDroneEvents(drone: SimDrone, events: DroneEvent[]): void {
    for (const e of events) {
      if (e.kind === 'landed') {
        this.logger.log(`${drone.id} landed after intent ${e.intentId}${e.delivered ? '' : ' without delivering'}`);
        continue;
      }
      const position = { lat: e.position.lat, lng: e.position.lng, alt_m: Math.round(e.position.altM * 10) / 10 };
      const at = new Date().toISOString();
      const event: MissionEventDto =
        e.kind === 'progress'
          ? { event_id: `${e.intentId}:${e.type}`, type: e.type, at, position }
          : { event_id: `${e.intentId}:FAILSAFE:${e.failsafe}`, type: 'FAILSAFE', failsafe: e.failsafe, reason: e.reason, at, position };
      if (e.kind === 'failsafe') this.logger.warn(`${drone.id} failsafe ${e.failsafe} on intent ${e.intentId}: ${e.reason}`);
      void this.events.report(e.intentId, event).then((outcome) => this.afterReport(drone, e.intentId, event, outcome));
    }
  }

  private afterReport(drone: SimDrone, intentId: string, event: MissionEventDto, outcome: EventOutcome): void {
    if (outcome.kind !== 'answered') return;
    const { applied, duplicate, order_status } = outcome.result;
    // Not applied while the order is flying: it was there already (telemetry moved it first). Not applied while it
    // is anything else: delivery-service no longer wants this flight (canceled, re-queued, delivered under another
    // intent): bring the drone home. A drone that has dropped already is on its way home (abort says so: false),
    // as when the demo driver's proof overtook its DROPPED.
    if (!applied && !duplicate && !FLYING.has(order_status) && order_status !== 'ASSIGNED' && event.type !== 'FAILSAFE') {
      if (!drone.abort(intentId)) return;
      this.stats.abandoned++;
      this.logger.warn(`${drone.id} abandons intent ${intentId}: delivery-service ignored ${event.type} (order ${order_status})`);
      return;
    }
    if (event.type === 'DROPPED' && order_status === 'DELIVERING') {
      const orderId = this.received.get(intentId)?.orderId;
      if (orderId) for (const listener of this.dropListeners) listener({ intentId, orderId, droneId: drone.id });
    }
  }
}

function refusal(message: string, reasons: string[]): UnprocessableEntityException {
  return new UnprocessableEntityException({ message, reasons });
}

/** The intent as the drone flies it. */
export function toMission(intent: MissionIntentDto): Mission {
  return {
    intentId: intent.intent_id,
    orderId: intent.order_id,
    pickup: { lat: intent.pickup.lat, lng: intent.pickup.lng },
    dropoff: { lat: intent.dropoff.lat, lng: intent.dropoff.lng },
    cruiseAltM: intent.dropoff.alt_m,
    deliveryAltM: intent.dropoff.delivery_alt_m,
    payloadKg: intent.metadata.payload_weight_kg,
    batteryMinPct: intent.constraints.battery_min_pct,
    lostLinkBehavior: intent.safety.lost_link_behavior,
  };
}
