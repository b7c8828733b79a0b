// Generates the Prisma Client of the service in the current directory (its build runs this) into src/generated/prisma. Generation runs in WebAssembly, but Prisma's CLI
// still looks for its native schema engine, which cannot be downloaded on machines without the vendor's
// host: pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check (see
// ../shared/notes/environment.md). Where the engine is installed this changes nothing.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// prisma is the service's dev dependency, so it is resolved from the service.
const require = createRequire(join(process.cwd(), 'package.json'));
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
const cli = require.resolve('prisma/build/index.js');
const r = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
