import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CreateServiceAreaDto, type ServiceAreaDto, type ServiceAreaListDto } from '@wingxtra/contracts';
import { Roles } from '@wingxtra/service-kit';
import { ServiceAreasService } from './service-areas.service.js';

@ApiTags('service areas')
@ApiBearerAuth()
@Controller('api/v1/service-areas')
export class ServiceAreasController {
  constructor(private readonly areas: ServiceAreasService) {}

  @Get()
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  async list(): Promise<ServiceAreaListDto> {
    return { items: await this.areas.list() };
  }

  @Post()
  @Roles('ADMIN')
  create(@Body() dto: CreateServiceAreaDto): Promise<ServiceAreaDto> {
    return this.areas.create(dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('ADMIN')
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.areas.remove(id);
  }
}
