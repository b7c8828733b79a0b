import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadSimulatorConfig } from './simulator-config.js';

const BASE = { FLEET_API_KEY: 'fleet-ingest-key', GCS_BRIDGE_SECRET: 'bridge-secret-0123456789', JWT_SECRET: 'j'.repeat(32) };

const problems = (env: Record<string, string>) => {
  try {
    loadSimulatorConfig(env);
  } catch (err) {
    return (err as ConfigError).problems;
  }
  return [];
};

describe('simulator configuration', () => {
  it('takes the defaults: ten drones at 4 Hz, the bridge on port 8003, the demo driver on', () => {
    const c = loadSimulatorConfig(BASE);
    expect(c).toMatchObject({ PORT: 8003, SIM_DRONES: 10, SIM_HZ: 4, SIM_TIME_SCALE: 1, SIM_DEMO: true, faults: [] });
  });

  it('names every missing secret at once', () => {
    expect(problems({})).toEqual([
      "GCS_BRIDGE_SECRET is required (delivery-service's GCS_BRIDGE_SECRET: intents and events are signed with it)",
      "JWT_SECRET is required while SIM_DEMO is on (delivery-service's JWT_SECRET: the demo driver signs its merchant and operator tokens with it)",
      "FLEET_API_KEY is required (fleet-api's API_KEY, which the drones send as X-API-Key) unless they register for keys of their own (JWT_SECRET with SIM_REGISTER_DRONES=true)",
    ]);
  });

  it('needs no fleet-wide key when the drones register for their own', () => {
    expect(loadSimulatorConfig({ ...BASE, FLEET_API_KEY: '' }).FLEET_API_KEY).toBeUndefined();
    expect(problems({ ...BASE, FLEET_API_KEY: '', SIM_REGISTER_DRONES: 'false' })).toEqual([expect.stringMatching(/^FLEET_API_KEY is required/)]);
  });

  it('needs no JWT_SECRET without the demo driver', () => {
    expect(loadSimulatorConfig({ ...BASE, JWT_SECRET: '', SIM_DEMO: 'false' }).SIM_DEMO).toBe(false);
  });

  it('refuses bad values with the variable named', () => {
    const p = problems({ ...BASE, SIM_DRONES: '0', SIM_HZ: '50', SIM_FAULTS: 'meteor:1', SIM_V2_DRONES: '3', SIM_TIME_SCALE: 'fast' });
    expect(p).toEqual(
      expect.arrayContaining([
        'SIM_DRONES must not be less than 1',
        'SIM_HZ must not be greater than 10',
        expect.stringMatching(/^SIM_FAULTS: "meteor:1" is not kind:probability/),
        expect.stringMatching(/^SIM_TIME_SCALE/),
      ]),
    );
  });

  it('refuses more v2 drones than drones', () => {
    expect(problems({ ...BASE, SIM_DRONES: '2', SIM_V2_DRONES: '3' })).toEqual(['SIM_V2_DRONES (3) cannot exceed SIM_DRONES (2)']);
  });

  it('spreads the drones over several fleet-api URLs, and refuses one that is not http(s)', () => {
    expect(loadSimulatorConfig({ ...BASE, FLEET_API_URL: 'http://a:8000, http://b:8000' }).fleetApiUrls).toEqual(['http://a:8000', 'http://b:8000']);
    expect(problems({ ...BASE, FLEET_API_URL: 'http://a:8000,ftp://b' })).toEqual(['FLEET_API_URL must be an http(s) URL, or several separated by commas']);
  });

  it('reads the fault probabilities', () => {
    expect(loadSimulatorConfig({ ...BASE, SIM_FAULTS: 'low_battery:0.5' }).faults).toEqual([{ kind: 'low_battery', probability: 0.5 }]);
  });
});
