// Development tokens: `pnpm --filter @wingxtra/delivery-service token -- --role OPS --sub ops-1`
// (merchants: --role MERCHANT --merchant m-1). Signs with JWT_SECRET from the environment or ./.env.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@wingxtra/contracts';
import { signToken } from '@wingxtra/service-kit';

// `pnpm token -- --role X` hands the script a literal "--" first; it is not an argument.
const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
const USAGE = 'usage: token [--role CUSTOMER|MERCHANT|OPS|ADMIN] [--sub <subject>] [--merchant <merchant_id>] [--ttl 12h]';
let values: { role?: string; sub?: string; merchant?: string; ttl?: string };
try {
  ({ values } = parseArgs({
    args,
    options: { role: { type: 'string', default: 'OPS' }, sub: { type: 'string' }, merchant: { type: 'string' }, ttl: { type: 'string', default: '12h' } },
    strict: true,
  }));
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
let secret = process.env.JWT_SECRET;
if (!secret && existsSync('.env')) secret = /^JWT_SECRET=(.*)$/m.exec(readFileSync('.env', 'utf8'))?.[1]?.trim();
const role = (values.role ?? 'OPS').toUpperCase() as Role;
if (!secret) {
  console.error('JWT_SECRET is not set (environment or ./.env)');
  process.exit(2);
}
if (!ROLES.includes(role)) {
  console.error(`--role must be one of ${ROLES.join(', ')}`);
  process.exit(2);
}
if (role === 'MERCHANT' && !values.merchant) {
  console.error('merchant tokens need --merchant <merchant_id>');
  process.exit(2);
}
const token = await signToken(
  new TextEncoder().encode(secret),
  { sub: values.sub ?? `${role.toLowerCase()}-dev`, role, ...(values.merchant ? { merchant_id: values.merchant } : {}) },
  values.ttl,
);
console.log(token);
