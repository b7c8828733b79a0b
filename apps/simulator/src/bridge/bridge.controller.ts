import { Controller, HttpCode, Post, Req, Res, UnauthorizedException, type RawBodyRequest } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GCS_BRIDGE_INTENTS_PATH, MISSION_SIGNATURE_HEADER, MISSION_TIMESTAMP_HEADER } from '@wingxtra/contracts';
import { verifyMissionEvent } from '@wingxtra/contracts/node';
import { SimulatorConfig } from '../config/simulator-config.js';
import { BridgeService, type IntentAcceptance } from './bridge.service.js';

@Controller()
export class BridgeController {
  constructor(
    private readonly bridge: BridgeService,
    private readonly config: SimulatorConfig,
  ) {}

  /**
   * Where delivery-service publishes mission intents (docs/mission-intent.md): signed (headers idempotency-key =
   * intent_id, x-wingxtra-timestamp, x-wingxtra-signature), checked against the contract, then flown.
   */
  @Post(GCS_BRIDGE_INTENTS_PATH.replace(/^\//, ''))
  @HttpCode(202)
  receive(@Req() req: RawBodyRequest<FastifyRequest>, @Res({ passthrough: true }) reply: FastifyReply): IntentAcceptance {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const intentId = header('idempotency-key');
    const raw = req.rawBody?.toString('utf8') ?? '';
    // Nothing of the body is looked at before the signature holds: missions come only from delivery-service.
    if (!intentId || !verifyMissionEvent(this.config.GCS_BRIDGE_SECRET, header(MISSION_TIMESTAMP_HEADER), header(MISSION_SIGNATURE_HEADER), intentId, raw)) {
      throw new UnauthorizedException(`Missing or invalid ${MISSION_SIGNATURE_HEADER} / ${MISSION_TIMESTAMP_HEADER} / idempotency-key`);
    }
    const { repeat, acceptance } = this.bridge.receive(intentId, raw, req.body);
    if (repeat) reply.status(200);
    return acceptance;
  }
}
