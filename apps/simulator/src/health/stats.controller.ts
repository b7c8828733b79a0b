import { Controller, Get } from '@nestjs/common';
import { BridgeService } from '../bridge/bridge.service.js';
import { DemoDriverService, type DriverStats } from '../demo/demo-driver.service.js';
import { FleetService } from '../fleet/fleet.service.js';

/** GET /stats: what the simulator has done since it started (npm start waits on `driver.delivered`). */
export interface SimulatorStats {
  drones: number;
  flying: number;
  telemetry: { requests: number; packets_sent: number; accepted: number; rejected: number; rate_limited: number; failed: number; unanswered: number; p99_ms: number | null };
  bridge: { accepted: number; refused: number; abandoned: number };
  driver: DriverStats;
}

@Controller()
export class StatsController {
  constructor(
    private readonly fleet: FleetService,
    private readonly bridge: BridgeService,
    private readonly driver: DemoDriverService,
  ) {}

  @Get('stats')
  stats(): SimulatorStats {
    const t = this.fleet.stats;
    return {
      drones: this.fleet.drones.length,
      flying: this.fleet.drones.filter((d) => d.flying).length,
      telemetry: { requests: t.requests, packets_sent: t.packetsSent, accepted: t.accepted, rejected: t.rejected, rate_limited: t.rateLimited, failed: t.failed, unanswered: t.unanswered, p99_ms: t.latency.quantile(0.99) },
      bridge: { ...this.bridge.stats },
      driver: { ...this.driver.stats },
    };
  }
}
