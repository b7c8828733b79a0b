import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FanoutHealthResponse, FanoutTargetsResponse } from '@wingxtra/contracts';
import { AdminKeyGuard } from '../common/api-key.guard.js';
import { ref } from '../openapi/openapi-ref.js';
import { FanoutService } from './fanout.service.js';

@ApiTags('fan-out')
@ApiHeader({ name: 'X-API-Key', required: true, description: 'ADMIN_API_KEY (the ingest key is refused)' })
@ApiResponse({ status: 401, description: 'Missing or non-admin key', schema: ref('ApiErrorDto') })
@ApiResponse({ status: 403, description: 'ADMIN_API_KEY is not set: admin endpoints are off', schema: ref('ApiErrorDto') })
@UseGuards(AdminKeyGuard)
@Controller('api/v1/fanout')
export class FanoutController {
  constructor(private readonly fanout: FanoutService) {}

  @Get('targets')
  @ApiOperation({ summary: 'Configured partner targets, secrets masked' })
  @ApiResponse({ status: 200, schema: ref('FanoutTargetsResponseDto') })
  targets(): FanoutTargetsResponse {
    return this.fanout.listTargets();
  }

  @Get('health')
  @ApiOperation({ summary: 'Per target: delivered, failed, retrying, last error, last success, queue depth' })
  @ApiResponse({ status: 200, schema: ref('FanoutHealthResponseDto') })
  health(): Promise<FanoutHealthResponse> {
    return this.fanout.health();
  }
}
