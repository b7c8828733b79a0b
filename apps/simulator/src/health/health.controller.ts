import { Controller, Get } from '@nestjs/common';
import type { HealthDto } from '@wingxtra/contracts';

@Controller()
export class HealthController {
  /** Liveness and readiness alike: the simulator keeps no store; it serves intents as soon as it listens. */
  @Get(['health', 'healthz', 'readyz'])
  health(): HealthDto {
    return { status: 'ok' };
  }
}
