import { Global, Module } from '@nestjs/common';
import { TelemetryModule } from '../telemetry/telemetry.module.js';
import { AlertStreamService } from './alert-stream.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { ALERT_FEED, AlertsService } from './alerts.service.js';

/** Alert rules, their store, stream and webhook; global so the relay finds ALERT_FEED. */
@Global()
@Module({
  imports: [TelemetryModule],
  controllers: [AlertsController],
  providers: [AlertsRepository, AlertsService, AlertStreamService, { provide: ALERT_FEED, useExisting: AlertsService }],
  exports: [ALERT_FEED, AlertsService],
})
export class AlertsModule {}
