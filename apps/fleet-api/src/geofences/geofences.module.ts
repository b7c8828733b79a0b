import { Global, Module } from '@nestjs/common';
import { GeofenceCache } from './geofence.cache.js';
import { GeofencesController } from './geofences.controller.js';
import { GeofencesRepository } from './geofences.repository.js';
import { GeofencesService } from './geofences.service.js';

@Global()
@Module({
  controllers: [GeofencesController],
  providers: [GeofencesRepository, GeofencesService, GeofenceCache],
  exports: [GeofenceCache],
})
export class GeofencesModule {}
