import { Module } from '@nestjs/common';
import { ServiceAreasController } from './service-areas.controller.js';
import { ServiceAreasRepository } from './service-areas.repository.js';
import { ServiceAreasService } from './service-areas.service.js';

@Module({ controllers: [ServiceAreasController], providers: [ServiceAreasRepository, ServiceAreasService], exports: [ServiceAreasService] })
export class ServiceAreasModule {}
