// `pnpm migrate`: applies pending migrations to DATABASE_URL (creating the database when missing).
import { migrate } from './migrator.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error(JSON.stringify({ level: 'fatal', context: 'Migrate', message: 'DATABASE_URL is required' }));
  process.exit(78);
}
try {
  const { applied, alreadyApplied } = await migrate(url, undefined, (m) => console.log(JSON.stringify({ level: 'log', context: 'Migrate', message: m })));
  console.log(JSON.stringify({ level: 'log', context: 'Migrate', message: `database up to date: ${applied.length} applied now, ${alreadyApplied.length} before` }));
} catch (err) {
  console.error(JSON.stringify({ level: 'fatal', context: 'Migrate', message: (err as Error).message }));
  process.exit(1);
}
