import { findMigrationsDir, migrate as migrateDir, type MigrationResult } from '@wingxtra/service-kit';

/** This service's prisma/migrations. */
export const MIGRATIONS_DIR = findMigrationsDir(import.meta.url);

/** Applies this service's pending migrations (see service-kit's migrator for how). */
export function migrate(databaseUrl: string, dir = MIGRATIONS_DIR, log?: (m: string) => void): Promise<MigrationResult> {
  return migrateDir(databaseUrl, dir, log);
}
