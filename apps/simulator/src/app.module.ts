import { Module, type DynamicModule } from '@nestjs/common';
import { BridgeController } from './bridge/bridge.controller.js';
import { BridgeService } from './bridge/bridge.service.js';
import { SimulatorConfig } from './config/simulator-config.js';
import { DemoDriverService } from './demo/demo-driver.service.js';
import { DroneKeys } from './fleet/drone-keys.js';
import { DroneRegistrationService } from './fleet/drone-registration.service.js';
import { FleetService } from './fleet/fleet.service.js';
import { SimClock } from './fleet/sim-clock.js';
import { HealthController } from './health/health.controller.js';
import { StatsController } from './health/stats.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: SimulatorConfig): DynamicModule {
    return {
      module: AppModule,
      controllers: [BridgeController, HealthController, StatsController],
      providers: [
        { provide: SimulatorConfig, useValue: config },
        { provide: SimClock, useValue: new SimClock(config.SIM_TIME_SCALE) },
        { provide: DroneKeys, useValue: new DroneKeys(config.SIM_DRONE_KEYS_FILE, config.FLEET_API_KEY) },
        FleetService,
        DroneRegistrationService,
        BridgeService,
        DemoDriverService,
      ],
    };
  }
}
