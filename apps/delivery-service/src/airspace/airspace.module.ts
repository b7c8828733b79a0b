import { Module } from '@nestjs/common';
import { AirspaceTrafficService } from './airspace-traffic.service.js';
import { AirspaceWatchService } from './airspace-watch.service.js';

/** The airspace gate: traffic from analytics-worker (dispatch holds launches by it) and the watch of active deliveries. */
@Module({ providers: [AirspaceTrafficService, AirspaceWatchService], exports: [AirspaceTrafficService, AirspaceWatchService] })
export class AirspaceModule {}
