// `pnpm migrate` (and the first step of `start`): applies pending migrations to DATABASE_URL, creating the
// database when missing. With REGISTRY_ENABLED=false fleet-api has no database, and there is nothing to do.
import { runMigrateCli } from '@wingxtra/service-kit';
import { registryEnabledIn } from '../config/fleet-config.js';
import { MIGRATIONS_DIR } from './migrator.js';

if (registryEnabledIn(process.env)) await runMigrateCli(MIGRATIONS_DIR);
else console.log(JSON.stringify({ level: 'log', context: 'Migrate', message: 'REGISTRY_ENABLED=false: no database, nothing to migrate' }));
