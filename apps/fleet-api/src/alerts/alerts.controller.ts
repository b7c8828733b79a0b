import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards, UsePipes } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AcknowledgeAlertDto, AlertListQueryDto, type AlertDto, type AlertListDto } from '@wingxtra/contracts';
import { createValidationPipe, CurrentPrincipal, Roles, type Principal } from '@wingxtra/service-kit';
import { StaffAuthGuard, TokenInQuery } from '../auth/staff-auth.guard.js';
import { ref } from '../openapi/openapi-ref.js';
import { AlertStreamService } from './alert-stream.service.js';
import { AlertsService } from './alerts.service.js';

@ApiTags('alerts')
@ApiResponse({ status: 401, schema: ref('ApiErrorDto') })
@ApiResponse({ status: 403, schema: ref('ApiErrorDto') })
@UseGuards(StaffAuthGuard)
@Roles('OPS', 'ADMIN')
@Controller('api/v1/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly stream: AlertStreamService,
  ) {}

  @Get()
  @UsePipes(createValidationPipe())
  @ApiOperation({ summary: 'Alerts, newest first; filter by state (open = active or acknowledged), rule, drone_id; paginated' })
  @ApiResponse({ status: 200, schema: ref('AlertListDto') })
  list(@Query() q: AlertListQueryDto): Promise<AlertListDto> {
    return this.alerts.list(q);
  }

  @Get('stream')
  @TokenInQuery()
  @ApiOperation({ summary: 'Server-Sent Events: an "alert" event (AlertDto) per change, every open alert first' })
  @ApiQuery({ name: 'access_token', required: false, description: 'The bearer token, for EventSource (which cannot send headers)' })
  @ApiProduces('text/event-stream')
  streamChanges(@Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    reply.hijack();
    reply.raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const disconnect = this.stream.connect({ write: (chunk) => reply.raw.write(chunk) });
    req.raw.on('close', disconnect);
  }

  @Get(':id')
  @ApiResponse({ status: 200, schema: ref('AlertDto') })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<AlertDto> {
    return this.alerts.get(id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @UsePipes(createValidationPipe())
  @ApiOperation({ summary: 'Acknowledge an active alert (it stays open until its condition ends)' })
  @ApiResponse({ status: 200, schema: ref('AlertDto') })
  @ApiResponse({ status: 409, description: 'The alert is cleared', schema: ref('ApiErrorDto') })
  acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AcknowledgeAlertDto, @CurrentPrincipal() actor: Principal): Promise<AlertDto> {
    return this.alerts.acknowledge(id, dto.note, actor);
  }
}
