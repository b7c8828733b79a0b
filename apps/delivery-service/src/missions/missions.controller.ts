import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req, UnauthorizedException, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import { validateBody } from '@wingxtra/service-kit';
import type { FastifyRequest } from 'fastify';
import { MISSION_SIGNATURE_HEADER, MISSION_TIMESTAMP_HEADER, MissionEventDto, type MissionEventResultDto, type MissionSubmissionDto } from '@wingxtra/contracts';
import { verifyMissionEvent } from '@wingxtra/contracts/node';
import { CurrentPrincipal, Public, Roles } from '@wingxtra/service-kit';
import { actorOf, type Principal } from '@wingxtra/service-kit';
import { DeliveryConfig } from '../config/delivery-config.js';
import { MissionsService } from './missions.service.js';

@ApiTags('missions')
@Controller('api/v1')
export class MissionsController {
  constructor(
    private readonly missions: MissionsService,
    private readonly config: DeliveryConfig,
  ) {}

  /** Builds the order's mission intent and queues it for the GCS bridge (202: MISSION_SUBMITTED follows acceptance). */
  @Post('orders/:id/submit-mission-intent')
  @HttpCode(202)
  @ApiBearerAuth()
  @Roles('OPS', 'ADMIN')
  submit(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<MissionSubmissionDto> {
    return this.missions.submit(id, actorOf(principal));
  }

  /** Progress and failures from the GCS bridge, signed with GCS_BRIDGE_SECRET (docs/mission-intent.md). */
  @Post('missions/:intent_id/events')
  @HttpCode(200)
  @Public()
  @ApiHeader({ name: MISSION_SIGNATURE_HEADER, description: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<intent_id>.<raw body>">' })
  @ApiHeader({ name: MISSION_TIMESTAMP_HEADER, description: 'Unix seconds; must be within 5 minutes of the server clock' })
  @ApiBody({ type: MissionEventDto })
  async event(@Param('intent_id', ParseUUIDPipe) intentId: string, @Req() req: RawBodyRequest<FastifyRequest>): Promise<MissionEventResultDto> {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const raw = req.rawBody?.toString('utf8') ?? '';
    // The signature is checked before anything else is read from the body.
    if (!verifyMissionEvent(this.config.GCS_BRIDGE_SECRET, header(MISSION_TIMESTAMP_HEADER), header(MISSION_SIGNATURE_HEADER), intentId, raw)) {
      throw new UnauthorizedException(`Missing or invalid ${MISSION_SIGNATURE_HEADER} / ${MISSION_TIMESTAMP_HEADER}`);
    }
    return this.missions.handleEvent(intentId, await validateBody(MissionEventDto, req.body));
  }
}
