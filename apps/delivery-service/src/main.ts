import { runService } from '@wingxtra/service-kit';
import { createDeliveryApp } from './app.js';
import { loadDeliveryConfig } from './config/delivery-config.js';

void runService('delivery-service', loadDeliveryConfig, createDeliveryApp);
