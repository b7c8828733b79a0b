import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ServiceAreaListDto } from '@wingxtra/contracts';
import { Roles } from '@wingxtra/service-kit';
import { ServiceAreasService } from './service-areas.service.js';

@ApiTags('service areas')
@ApiBearerAuth()
@Controller('api/v1/service-areas')
export class ServiceAreasController {
  constructor(private readonly areas: ServiceAreasService) {}

  /** fleet-api's active service areas and no-fly zones (managed there); merchants cannot read fleet-api's own list. */
  @Get()
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  async list(): Promise<ServiceAreaListDto> {
    return { items: await this.areas.list() };
  }
}
