import { runService } from '@wingxtra/service-kit';
import { createFleetApp } from './app.js';
import { loadFleetConfig } from './config/fleet-config.js';

void runService('fleet-api', loadFleetConfig, createFleetApp);
