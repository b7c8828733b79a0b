import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const MAIN = fileURLToPath(new URL('../../dist/server/main.js', import.meta.url));

describe('the built web server as a process', () => {
  it('refuses to start on a bad environment, naming every problem in one JSON line, with exit code 78', () => {
    const r = spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', FLEET_API_URL: 'fleet-api', PORT: '99999' }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(78);
    const log = JSON.parse(r.stderr.trim().split('\n').pop()!);
    expect(log.level).toBe('fatal');
    expect(log.problems).toEqual(
      expect.arrayContaining([
        'DELIVERY_API_URL is required (delivery-service, for example http://127.0.0.1:8001)',
        'ANALYTICS_API_URL is required (analytics-worker, for example http://127.0.0.1:8002)',
        'FLEET_API_URL must be an http(s) URL such as http://127.0.0.1:8000',
      ]),
    );
    expect(log.problems.some((p: string) => p.startsWith('PORT'))).toBe(true);
  });
});
