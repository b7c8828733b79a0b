import { runService } from '@wingxtra/service-kit';
import { createAnalyticsApp } from './app.js';
import { loadAnalyticsConfig } from './config/analytics-config.js';

void runService('analytics-worker', loadAnalyticsConfig, createAnalyticsApp);
