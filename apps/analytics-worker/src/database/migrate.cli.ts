// `pnpm migrate`: applies pending migrations to DATABASE_URL (creating the database when missing).
import { runMigrateCli } from '@wingxtra/service-kit';
import { MIGRATIONS_DIR } from './migrator.js';

await runMigrateCli(MIGRATIONS_DIR);
