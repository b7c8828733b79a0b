import { runService } from '@wingxtra/service-kit';
import { createSimulatorApp } from './app.js';
import { loadSimulatorConfig } from './config/simulator-config.js';

void runService('simulator', loadSimulatorConfig, createSimulatorApp);
