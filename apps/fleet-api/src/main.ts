import { Logger } from '@nestjs/common';
import { createFleetApp } from './app.js';
import { ConfigError, loadFleetConfig } from './config/fleet-config.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadFleetConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(JSON.stringify({ level: 'fatal', context: 'Config', message: err.message, problems: err.problems }));
    process.exit(78); // EX_CONFIG
  }
  const app = await createFleetApp(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('Main').log(`fleet-api listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
}

void main();
