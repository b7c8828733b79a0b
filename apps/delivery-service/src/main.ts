import { Logger } from '@nestjs/common';
import { createDeliveryApp } from './app.js';
import { ConfigError, loadDeliveryConfig } from './config/delivery-config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadDeliveryConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(JSON.stringify({ level: 'fatal', context: 'Config', message: err.message, problems: err.problems }));
    process.exit(78); // EX_CONFIG
  }
  const app = await createDeliveryApp(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('Main').log(`delivery-service listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
}

void main();
