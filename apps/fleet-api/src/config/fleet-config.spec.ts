import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadFleetConfig } from './fleet-config.js';

/** The least a start without the registry needs. */
const REQUIRED = { API_KEY: 'ingest-key-1234', REDIS_URL: 'redis://127.0.0.1:6379/0', REGISTRY_ENABLED: 'false' };
const NO_REGISTRY = { REGISTRY_ENABLED: 'false' };
const REGISTRY = { API_KEY: 'ingest-key-1234', REDIS_URL: 'redis://127.0.0.1:6379/0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/wingxtra_fleet', DRONE_KEY_SECRET: 'k'.repeat(32) };
const MISSING_API_KEY = 'API_KEY is required (the key drones send as X-API-Key)';
const MISSING_REDIS_URL = 'REDIS_URL is required (for example redis://localhost:6379/0)';

/** The problems loadFleetConfig reports for env; fails the test when env is accepted. */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadFleetConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

const withTargets = (json: string, extra: NodeJS.ProcessEnv = {}) => ({ ...REQUIRED, FANOUT_TARGETS_JSON: json, ...extra });

describe('loadFleetConfig defaults', () => {
  it('starts with the documented defaults when only API_KEY and REDIS_URL are set (and the registry is off)', () => {
    const config = loadFleetConfig(REQUIRED);

    expect(config).toMatchObject({
      PORT: 8000,
      HOST: '0.0.0.0',
      API_KEY: 'ingest-key-1234',
      REDIS_URL: 'redis://127.0.0.1:6379/0',
      RATE_LIMIT_RPS: 10,
      LOG_LEVEL: 'INFO',
      ALLOWED_ORIGINS: [],
      TRUST_PROXY: 0,
      OFFLINE_AFTER_S: 30,
      MAX_CLOCK_SKEW_S: 300,
      BODY_LIMIT_BYTES: 1048576,
      FANOUT_ENABLED: false,
      FANOUT_TIMEOUT_SECONDS: 2,
      FANOUT_MAX_RETRIES: 5,
      FANOUT_RETRY_BACKOFF_SECONDS: 2,
      FANOUT_CONCURRENCY: 8,
      RELAY_CLAIM_IDLE_S: 30,
      fanoutTargets: [],
    });
    expect(config.ADMIN_API_KEY).toBeUndefined();
  });

  it('reads nothing but its own variables from the environment', () => {
    const config = loadFleetConfig({ ...REQUIRED, PATH: '/usr/bin', fanoutTargets: '[{"url":"http://evil.example"}]' });

    expect(Object.keys(config)).not.toContain('PATH');
    expect(config.fanoutTargets).toEqual([]);
  });
});

describe('loadFleetConfig parsing', () => {
  it('reads numbers from their text', () => {
    const config = loadFleetConfig({
      ...REQUIRED,
      PORT: '9090',
      RATE_LIMIT_RPS: '25',
      OFFLINE_AFTER_S: '2.5',
      FANOUT_TIMEOUT_SECONDS: '0.5',
      FANOUT_MAX_RETRIES: '0',
    });

    expect(config.PORT).toBe(9090);
    expect(config.RATE_LIMIT_RPS).toBe(25);
    expect(config.OFFLINE_AFTER_S).toBe(2.5);
    expect(config.FANOUT_TIMEOUT_SECONDS).toBe(0.5);
    expect(config.FANOUT_MAX_RETRIES).toBe(0);
  });

  it.each(['true', 'TRUE', '1', 'yes', 'on'])('reads TRUST_PROXY=%s as one trusted proxy', (value) => {
    expect(loadFleetConfig({ ...REQUIRED, TRUST_PROXY: value }).TRUST_PROXY).toBe(1);
  });

  it.each(['false', 'False', '0', 'no', 'off', ''])('reads TRUST_PROXY=%j as no trusted proxy', (value) => {
    expect(loadFleetConfig({ ...REQUIRED, TRUST_PROXY: value }).TRUST_PROXY).toBe(0);
  });

  it('reads TRUST_PROXY=2 as two proxies in a row (a load balancer, then a TLS terminator)', () => {
    expect(loadFleetConfig({ ...REQUIRED, TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  });

  it('keeps at most 10 PostgreSQL connections unless DATABASE_POOL_MAX says otherwise, and refuses a bad value', () => {
    expect(loadFleetConfig(REQUIRED).DATABASE_POOL_MAX).toBe(10);
    expect(loadFleetConfig({ ...REQUIRED, DATABASE_POOL_MAX: '25' }).DATABASE_POOL_MAX).toBe(25);
    for (const bad of ['0', '2.5', 'many', '501']) expect(problemsOf({ ...REQUIRED, DATABASE_POOL_MAX: bad })[0]).toMatch(/^DATABASE_POOL_MAX/);
  });

  it.each(['maybe', '-1', '1.5', '11'])('refuses TRUST_PROXY=%s instead of guessing', (value) => {
    expect(problemsOf({ ...REQUIRED, TRUST_PROXY: value })).toHaveLength(1);
    expect(problemsOf({ ...REQUIRED, TRUST_PROXY: value })[0]).toMatch(/^TRUST_PROXY/);
  });

  it('splits ALLOWED_ORIGINS on commas, trimming spaces and dropping empty items', () => {
    const config = loadFleetConfig({ ...REQUIRED, ALLOWED_ORIGINS: 'https://ops.example, https://merchant.example ,,' });

    expect(config.ALLOWED_ORIGINS).toEqual(['https://ops.example', 'https://merchant.example']);
  });

  it('allows no origin when ALLOWED_ORIGINS is empty and any origin for *', () => {
    expect(loadFleetConfig({ ...REQUIRED, ALLOWED_ORIGINS: '' }).ALLOWED_ORIGINS).toEqual([]);
    expect(loadFleetConfig({ ...REQUIRED, ALLOWED_ORIGINS: '*' }).ALLOWED_ORIGINS).toEqual(['*']);
  });

  it('accepts LOG_LEVEL in any case', () => {
    expect(loadFleetConfig({ ...REQUIRED, LOG_LEVEL: 'warn' }).LOG_LEVEL).toBe('WARN');
    expect(loadFleetConfig({ ...REQUIRED, LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('DEBUG');
  });

  it('accepts a rediss:// URL for REDIS_URL', () => {
    expect(loadFleetConfig({ ...REQUIRED, REDIS_URL: 'rediss://cache.example:6380/2' }).REDIS_URL).toBe('rediss://cache.example:6380/2');
  });

  it('does not bind a random port when PORT is set but empty', () => {
    // Number('') is 0, and listening on port 0 picks a random port without telling anyone.
    let port: number;
    try {
      port = loadFleetConfig({ ...REQUIRED, PORT: '' }).PORT;
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError); // refusing the empty value is as good as the default
      return;
    }
    expect(port).toBe(8000);
  });
});

describe('loadFleetConfig required values', () => {
  it('names a missing API_KEY and REDIS_URL with one clear message each', () => {
    expect(problemsOf(NO_REGISTRY)).toEqual([MISSING_API_KEY, MISSING_REDIS_URL]);
  });

  it('treats empty API_KEY and REDIS_URL as missing, without length or URL complaints', () => {
    expect(problemsOf({ ...NO_REGISTRY, API_KEY: '', REDIS_URL: '' })).toEqual([MISSING_API_KEY, MISSING_REDIS_URL]);
  });

  it('reports only the missing key when the other one is set', () => {
    expect(problemsOf({ ...NO_REGISTRY, API_KEY: REQUIRED.API_KEY })).toEqual([MISSING_REDIS_URL]);
    expect(problemsOf({ ...NO_REGISTRY, REDIS_URL: REQUIRED.REDIS_URL })).toEqual([MISSING_API_KEY]);
  });

  it('refuses an API_KEY shorter than 8 characters', () => {
    expect(problemsOf({ ...REQUIRED, API_KEY: 'short' })).toEqual(['API_KEY must be at least 8 characters']);
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://', () => {
    expect(problemsOf({ ...REQUIRED, REDIS_URL: 'http://127.0.0.1:6379' })).toEqual(['REDIS_URL must be a redis:// or rediss:// URL']);
  });
});

describe('loadFleetConfig bad values', () => {
  it('reports PORT=abc, RATE_LIMIT_RPS=0 and LOG_LEVEL=LOUD all at once', () => {
    const problems = problemsOf({ ...REQUIRED, PORT: 'abc', RATE_LIMIT_RPS: '0', LOG_LEVEL: 'LOUD' });

    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT must be an integer number',
        'RATE_LIMIT_RPS must not be less than 1',
        'LOG_LEVEL must be one of the following values: DEBUG, INFO, WARNING, WARN, ERROR',
      ]),
    );
  });

  it('reports a missing API_KEY together with a bad value', () => {
    const problems = problemsOf({ ...NO_REGISTRY, REDIS_URL: REQUIRED.REDIS_URL, OFFLINE_AFTER_S: '0' });

    expect(problems).toEqual([MISSING_API_KEY, 'OFFLINE_AFTER_S must not be less than 1']);
  });

  it('throws a ConfigError whose message lists every problem on its own line', () => {
    let error: unknown;
    try {
      loadFleetConfig({ ...NO_REGISTRY, API_KEY: REQUIRED.API_KEY, RATE_LIMIT_RPS: '0' });
    } catch (err) {
      error = err;
    }

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).name).toBe('ConfigError');
    expect((error as ConfigError).message).toBe(
      `Invalid configuration:\n  - ${MISSING_REDIS_URL}\n  - RATE_LIMIT_RPS must not be less than 1`,
    );
  });

  it('accepts PORT 65535 and refuses 65536', () => {
    expect(loadFleetConfig({ ...REQUIRED, PORT: '65535' }).PORT).toBe(65535);
    expect(problemsOf({ ...REQUIRED, PORT: '65536' })).toEqual(['PORT must not be greater than 65535']);
  });

  it('refuses a BODY_LIMIT_BYTES below 1024', () => {
    expect(problemsOf({ ...REQUIRED, BODY_LIMIT_BYTES: '1023' })).toEqual(['BODY_LIMIT_BYTES must not be less than 1024']);
  });

  it('refuses a fractional FANOUT_MAX_RETRIES', () => {
    expect(problemsOf({ ...REQUIRED, FANOUT_MAX_RETRIES: '1.5' })).toEqual(['FANOUT_MAX_RETRIES must be an integer number']);
  });
});

describe('loadFleetConfig ADMIN_API_KEY', () => {
  it('accepts an ADMIN_API_KEY that differs from API_KEY', () => {
    expect(loadFleetConfig({ ...REQUIRED, ADMIN_API_KEY: 'admin-key-5678' }).ADMIN_API_KEY).toBe('admin-key-5678');
  });

  it('refuses an ADMIN_API_KEY equal to API_KEY', () => {
    expect(problemsOf({ ...REQUIRED, ADMIN_API_KEY: REQUIRED.API_KEY })).toEqual(['ADMIN_API_KEY must differ from API_KEY']);
  });

  it('refuses an ADMIN_API_KEY shorter than 8 characters', () => {
    expect(problemsOf({ ...REQUIRED, ADMIN_API_KEY: 'admin' })).toEqual(['ADMIN_API_KEY must be at least 8 characters']);
  });
});

describe('loadFleetConfig FANOUT_TARGETS_JSON', () => {
  it('names targets target-<index> and sends one packet per request unless told otherwise', () => {
    const config = loadFleetConfig(
      withTargets('[{"url":"https://a.example/hook"},{"name":"partner-b","url":"https://b.example/hook","batch_size":50}]'),
    );

    expect(config.fanoutTargets).toEqual([
      expect.objectContaining({ name: 'target-0', url: 'https://a.example/hook', batch_size: 1 }),
      expect.objectContaining({ name: 'partner-b', url: 'https://b.example/hook', batch_size: 50 }),
    ]);
  });

  it('keeps a target\'s headers and drone filter', () => {
    const [target] = loadFleetConfig(
      withTargets('[{"url":"http://partner:8080/in","headers":{"Authorization":"Bearer s3cret"},"drone_ids":["WX-DRN-001"]}]'),
    ).fanoutTargets;

    expect(target?.headers).toEqual({ Authorization: 'Bearer s3cret' });
    expect(target?.drone_ids).toEqual(['WX-DRN-001']);
  });

  it('reports FANOUT_TARGETS_JSON that is not JSON', () => {
    const problems = problemsOf(withTargets('[{"url":'));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^FANOUT_TARGETS_JSON is not valid JSON: /);
  });

  it('reports FANOUT_TARGETS_JSON that is not an array', () => {
    expect(problemsOf(withTargets('{"url":"https://a.example/hook"}'))).toEqual(['FANOUT_TARGETS_JSON must be a JSON array of targets']);
  });

  it('reports a target that is not an object', () => {
    expect(problemsOf(withTargets('["https://a.example/hook"]'))).toEqual(['FANOUT_TARGETS_JSON[0] must be an object']);
  });

  it('reports a null target as a configuration problem instead of crashing', () => {
    expect(problemsOf(withTargets('[null]'))).toEqual(['FANOUT_TARGETS_JSON[0] must be an object']);
  });

  it('reports a target without url by its index', () => {
    expect(problemsOf(withTargets('[{"url":"https://a.example/hook"},{"name":"b"}]'))).toContain(
      'FANOUT_TARGETS_JSON[1].url must be a URL address',
    );
  });

  it.each(['not a url', 'ftp://files.example/drop', 'partner.example/hook'])('refuses the target url %j', (url) => {
    expect(problemsOf(withTargets(JSON.stringify([{ url }])))).toEqual(['FANOUT_TARGETS_JSON[0].url must be a URL address']);
  });

  it('accepts an http url to a host without a top-level domain', () => {
    expect(loadFleetConfig(withTargets('[{"url":"http://partner-sim:9000/in"}]')).fanoutTargets).toHaveLength(1);
  });

  it('refuses two targets with the same name', () => {
    const json = '[{"name":"p","url":"https://a.example"},{"name":"p","url":"https://b.example"},{"name":"p","url":"https://c.example"}]';

    expect(problemsOf(withTargets(json))).toEqual(['FANOUT_TARGETS_JSON: target name "p" is used more than once']);
  });

  it('refuses a name that clashes with a default name', () => {
    const json = '[{"url":"https://a.example"},{"name":"target-0","url":"https://b.example"}]';

    expect(problemsOf(withTargets(json))).toEqual(['FANOUT_TARGETS_JSON: target name "target-0" is used more than once']);
  });

  it('reports every problem of a target: header value, batch size, drone ids', () => {
    const json = '[{"url":"https://a.example","headers":{"X-Token":5},"batch_size":0,"drone_ids":["wx 1"]}]';

    expect(problemsOf(withTargets(json))).toEqual(
      expect.arrayContaining([
        'FANOUT_TARGETS_JSON[0].headers.X-Token must be a string',
        'FANOUT_TARGETS_JSON[0].batch_size must not be less than 1',
        expect.stringMatching(/^FANOUT_TARGETS_JSON\[0\]\.drone_ids/),
      ]),
    );
  });

  it('refuses FANOUT_ENABLED=true with no target', () => {
    expect(problemsOf({ ...REQUIRED, FANOUT_ENABLED: 'true' })).toEqual(['FANOUT_ENABLED is true but FANOUT_TARGETS_JSON names no target']);
  });

  it('reports only the JSON error when FANOUT_ENABLED=true and the targets cannot be read', () => {
    const problems = problemsOf(withTargets('nope', { FANOUT_ENABLED: 'true' }));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^FANOUT_TARGETS_JSON is not valid JSON/);
  });

  it('enables fan-out with FANOUT_ENABLED=yes and one target', () => {
    const config = loadFleetConfig(withTargets('[{"url":"https://a.example/hook"}]', { FANOUT_ENABLED: 'yes' }));

    expect(config.FANOUT_ENABLED).toBe(true);
    expect(config.fanoutTargets.map((t) => t.name)).toEqual(['target-0']);
  });
});

describe('loadFleetConfig registry', () => {
  it('refuses to start without DATABASE_URL and DRONE_KEY_SECRET unless the registry is turned off in so many words', () => {
    const problems = problemsOf({ API_KEY: REQUIRED.API_KEY, REDIS_URL: REQUIRED.REDIS_URL });

    expect(problems).toEqual([
      expect.stringMatching(/^DATABASE_URL is required .*set REGISTRY_ENABLED=false to run without the registry$/),
      'DRONE_KEY_SECRET is required (at least 32 characters: per-drone API keys are stored hashed under it)',
    ]);
  });

  it('starts with the registry and its defaults when DATABASE_URL and DRONE_KEY_SECRET are set', () => {
    const config = loadFleetConfig(REGISTRY);

    expect(config).toMatchObject({
      REGISTRY_ENABLED: true,
      ALLOW_GLOBAL_INGEST_KEY: true,
      DRONE_KEY_GRACE_S: 86400,
      REGISTRY_CACHE_TTL_S: 30,
      HEARTBEAT_TIMEOUT_S: 60,
      LOW_BATTERY_PCT: 20,
      LOW_BATTERY_CLEAR_PCT: 25,
      LINK_LOSS_S: 10,
    });
    expect(config.JWT_SECRET).toBeUndefined();
    expect(config.ALERT_WEBHOOK_URL).toBeUndefined();
  });

  it('needs no API_KEY once the global key is turned off', () => {
    const { API_KEY: _unused, ...rest } = REGISTRY;
    expect(loadFleetConfig({ ...rest, ALLOW_GLOBAL_INGEST_KEY: 'false' }).ALLOW_GLOBAL_INGEST_KEY).toBe(false);
  });

  it('refuses to turn off both the global key and the registry: no drone could send', () => {
    expect(problemsOf({ ...REQUIRED, ALLOW_GLOBAL_INGEST_KEY: 'false' })).toEqual([
      "ALLOW_GLOBAL_INGEST_KEY=false needs the registry's per-drone keys, but REGISTRY_ENABLED=false: no drone could send telemetry",
    ]);
  });

  it('refuses a DRONE_KEY_SECRET or JWT_SECRET shorter than 32 characters, and a mysql DATABASE_URL', () => {
    expect(problemsOf({ ...REGISTRY, DRONE_KEY_SECRET: 'short', JWT_SECRET: 'short', DATABASE_URL: 'mysql://db/x' })).toEqual(
      expect.arrayContaining(['DRONE_KEY_SECRET must be at least 32 characters', 'JWT_SECRET must be at least 32 characters', 'DATABASE_URL must be a postgresql:// URL']),
    );
  });

  it('refuses a battery clear level below the alert level, and a webhook that is not http(s)', () => {
    expect(problemsOf({ ...REGISTRY, LOW_BATTERY_PCT: '30', LOW_BATTERY_CLEAR_PCT: '25', ALERT_WEBHOOK_URL: 'ftp://hooks.example/in' })).toEqual(
      expect.arrayContaining(['LOW_BATTERY_CLEAR_PCT must not be less than LOW_BATTERY_PCT', 'ALERT_WEBHOOK_URL must be an http(s) URL']),
    );
  });
});
