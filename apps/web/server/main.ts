import { buildWebServer } from './web-server.js';
import { ConfigError, loadWebConfig, type WebConfig } from './web-config.js';

/** Reads the environment (a bad one exits 78, EX_CONFIG, naming every problem in one JSON line), then serves. */
async function main(): Promise<void> {
  let config: WebConfig;
  try {
    config = loadWebConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(JSON.stringify({ level: 'fatal', context: 'Config', message: err.message, problems: err.problems }));
    process.exit(78);
  }
  const app = await buildWebServer(config);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      void app.close().then(() => process.exit(0));
    });
  }
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    { fleet: config.FLEET_API_URL, delivery: config.DELIVERY_API_URL, analytics: config.ANALYTICS_API_URL },
    `web listening on http://${config.HOST}:${config.PORT}`,
  );
}

void main();
