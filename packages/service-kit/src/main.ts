import { Logger } from '@nestjs/common';
import { ConfigError } from './config.js';

interface Listening {
  listen(port: number, host: string): Promise<unknown>;
}

/**
 * A service's main(): reads its configuration (a bad environment exits 78, EX_CONFIG, with every problem as
 * one JSON log line), builds the app, listens, and says where.
 */
export async function runService<C extends { PORT: number; HOST: string }>(name: string, load: (env: NodeJS.ProcessEnv) => C, create: (config: C) => Promise<Listening>): Promise<void> {
  let config: C;
  try {
    config = load(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(JSON.stringify({ level: 'fatal', context: 'Config', message: err.message, problems: err.problems }));
    process.exit(78);
  }
  const app = await create(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('Main').log(`${name} listening on http://${config.HOST}:${config.PORT} (docs at /docs)`);
}
