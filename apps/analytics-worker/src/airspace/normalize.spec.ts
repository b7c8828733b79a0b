import { describe, expect, it } from '@jest/globals';
import { normalizeSignals, normalizeStatus, normalizeTrack, normalizeTracks, parseTime } from './normalize.js';

const received = new Date('2026-12-01T10:00:05.000Z');

/** A Remote ID drone as DragonSync's /drones lists it (Drone.to_dict). */
const remoteIdDrone = {
  id: 'drone-1581F5FJD228A00DB7Q1', id_type: 'Serial Number (ANSI/CTA-2063-A)', ua_type: 2, ua_type_name: 'Helicopter (or Multirotor)',
  operator_id_type: 'Operator ID', operator_id: 'GHA-OP-77231', op_status: 'Airborne', height_type: 'Above Takeoff', ew_dir: 'East',
  direction: 127.0, speed_multiplier: 0.25, pressure_altitude: 312.5, vertical_accuracy: '<1 m', horizontal_accuracy: '<3 m',
  timestamp: '2026-12-01 10:00:03', rid_timestamp: '2026-12-01 10:00:03', observed_at: 1796119203.25, seen_by: 'wardragon-WD123',
  lat: 5.6102, lon: -0.1805, alt: 152.3, height: 88.0, speed: 12.4, vspeed: -0.5, pilot_lat: 5.6001, pilot_lon: -0.1799,
  home_lat: 0.0, home_lon: 0.0, description: 'DJI Mavic 3', mac: '60:60:1f:aa:bb:cc', rssi: -67, index: 4, runtime: 412,
  caa_id: '', freq: 2437000000,
  rid: { tracking: null, status: 'Registered', make: 'DJI', model: 'Mavic 3', source: 'faa', lookup_attempted: true, lookup_success: true },
  last_update_time: 1796119203.9, track_type: 'drone',
};

/** An ADS-B aircraft as DragonSync's /drones lists it (ADSBTracker.craft_to_dict: feet and knots). */
const adsbAircraft = {
  id: 'adsb-3c6444', track_type: 'aircraft', callsign: 'adsb-3c6444', hex: '3C6444', lat: 5.652, lon: -0.221, alt: 3500,
  ground_speed: 180.0, track: 274.5, squawk: '7000', reg: 'D-AIBL', category: 'A3', flight: 'DLH572  ', on_ground: false,
  nac_p: 9, nac_v: 2, last_update_time: 1796119204.5, source: 'adsb', seen_by: 'wardragon-WD123',
};

describe('normalizeTrack', () => {
  it('maps a DragonSync Remote ID drone: serial from the id, heading from direction, Hz to MHz, (0, 0) home as none', () => {
    const r = normalizeTrack(remoteIdDrone, 'kit-001', received)!;
    expect(r).toMatchObject({
      kit_id: 'kit-001', track_id: 'drone-1581F5FJD228A00DB7Q1', kind: 'drone', source: 'remote_id', serial: '1581F5FJD228A00DB7Q1',
      lat: 5.6102, lon: -0.1805, alt_m: 152.3, height_m: 88, speed_mps: 12.4, vspeed_mps: -0.5, heading_deg: 127, rssi_dbm: -67,
      freq_mhz: 2437, mac: '60:60:1f:aa:bb:cc', ua_type: 'Helicopter (or Multirotor)', operator_id: 'GHA-OP-77231', caa_id: null,
      pilot_lat: 5.6001, pilot_lon: -0.1799, home_lat: null, home_lon: null, rid_make: 'DJI', rid_model: 'Mavic 3',
    });
    expect(r.time.toISOString()).toBe('2026-12-01T10:00:03.250Z');
  });

  it('maps an ADS-B aircraft: feet to metres, knots to m/s, ICAO as serial, the trimmed flight as callsign', () => {
    const r = normalizeTrack(adsbAircraft, 'kit-001', received)!;
    expect(r).toMatchObject({
      track_id: 'adsb-3c6444', kind: 'aircraft', source: 'adsb', serial: '3C6444', callsign: 'DLH572', alt_m: 1066.8,
      speed_mps: 92.6, heading_deg: 274.5, squawk: '7000', on_ground: false, ua_type: 'A3',
    });
    expect(r.time.toISOString()).toBe('2026-12-01T10:00:04.500Z');
  });

  it('reads a raw readsb aircraft: id from hex, "ground" altitude, time from seen', () => {
    const r = normalizeTrack({ hex: 'a1b2c3', flight: 'N123AB ', alt_baro: 'ground', gs: 12, track: 90, lat: 5.6, lon: -0.2, seen: 2.5, rssi: -21.4 }, 'k', received)!;
    expect(r).toMatchObject({ track_id: 'adsb-a1b2c3', kind: 'aircraft', serial: 'A1B2C3', alt_m: 0, on_ground: true, rssi_dbm: -21.4 });
    expect(r.time.toISOString()).toBe('2026-12-01T10:00:02.500Z');
  });

  it('reads the simpler collector format (drone_id, ISO timestamp, make/model, icao for aircraft)', () => {
    const drone = normalizeTrack({ drone_id: 'DJI-123', timestamp: '2026-12-01T09:59:00Z', lat: '5.61', lon: '-0.18', altitude: 50, make: 'DJI', model: 'Mini 4' }, 'k', received)!;
    expect(drone).toMatchObject({ track_id: 'DJI-123', kind: 'drone', lat: 5.61, lon: -0.18, alt_m: 50, rid_make: 'DJI', rid_model: 'Mini 4' });
    expect(drone.time.toISOString()).toBe('2026-12-01T09:59:00.000Z');
    expect(normalizeTrack({ icao: 'A12345', lat: 35.1, lon: -120.5, altitude: 3000 }, 'k', received)).toMatchObject({ kind: 'aircraft', alt_m: 914.4 });
  });

  it('turns bad or missing fields into null and never throws', () => {
    const r = normalizeTrack({ id: 'drone-x', lat: 91, lon: 'east', alt: 'high', speed: null, direction: NaN, rssi: '-70dBm', pilot_lat: {}, timestamp: 'yesterday' }, 'k', received)!;
    expect(r).toMatchObject({ lat: null, lon: null, alt_m: null, speed_mps: null, heading_deg: null, rssi_dbm: null, pilot_lat: null });
    expect(r.time).toEqual(received);
    for (const junk of [null, 42, 'drone', [], { lat: 5 }]) expect(normalizeTrack(junk, 'k', received)).toBeNull();
  });

  it('does not believe a detection time far in the future (a kit clock off) and uses the reception time', () => {
    const r = normalizeTrack({ id: 'd', observed_at: received.getTime() / 1000 + 3600 }, 'k', received)!;
    expect(r.time).toEqual(received);
  });
});

describe('normalizeTracks', () => {
  it('takes a {drones: [...]} answer and a bare list alike, skips unidentifiable entries and repeats', () => {
    expect(normalizeTracks({ drones: [remoteIdDrone, adsbAircraft, { lat: 1 }] }, 'k', received)!.map((r) => r.track_id)).toEqual(['drone-1581F5FJD228A00DB7Q1', 'adsb-3c6444']);
    expect(normalizeTracks([remoteIdDrone, remoteIdDrone], 'k', received)).toHaveLength(1);
    expect(normalizeTracks({ drones: [] }, 'k', received)).toEqual([]);
  });

  it('returns null for an answer that is not a list of tracks', () => {
    for (const p of [{ error: 'drone manager unavailable' }, 'ok', 7, null]) expect(normalizeTracks(p, 'k', received)).toBeNull();
  });
});

describe('normalizeSignals', () => {
  it('maps a DragonSync FPV alert: centre Hz to MHz, rssi as power, its uid as id', () => {
    const [s] = normalizeSignals({ signals: [{
      uid: 'fpv-alert-5800MHz', signal_type: 'fpv', source: 'fpv-confirm', alert_id: 'fpv-5800', callsign: 'FPV fpv-confirm',
      center_hz: 5800000000, bandwidth_hz: 8000000, pal_conf: 0.92, ntsc_conf: 0.03, rssi: -48.5, sensor_lat: 5.6, sensor_lon: -0.18,
      sensor_alt: 40, lat: 5.60005, lon: -0.18008, alt: 40, radius_m: 15, seen_by: 'wardragon-WD123', observed_at: 1796119201.0, expires_at: 1796119261.0,
    }] }, 'kit-001', received)!;
    expect(s).toEqual({
      time: new Date('2026-12-01T10:00:01.000Z'), kit_id: 'kit-001', signal_id: 'fpv-alert-5800MHz', detection_type: 'fpv', source: 'fpv-confirm',
      freq_mhz: 5800, bandwidth_mhz: 8, power_dbm: -48.5, lat: 5.60005, lon: -0.18008, alt_m: 40,
    });
  });

  it('maps the simpler format and derives an id from type and frequency', () => {
    const [s] = normalizeSignals([{ timestamp: '2026-12-01T09:59:59Z', freq_mhz: 5740.0, power_dbm: -55, bandwidth_mhz: 20, type: 'analog' }], 'k', received)!;
    expect(s).toMatchObject({ signal_id: 'analog-5740MHz', detection_type: 'analog', freq_mhz: 5740, bandwidth_mhz: 20, power_dbm: -55 });
  });

  it('keeps a signal with unreadable fields, as nulls', () => {
    const [s] = normalizeSignals([{ freq: 'n/a', power: 'strong' }], 'k', received)!;
    expect(s).toMatchObject({ signal_id: 'signal-unknown', freq_mhz: null, power_dbm: null, detection_type: null, time: received });
    expect(normalizeSignals({ error: 'signal manager unavailable' }, 'k', received)).toBeNull();
  });
});

describe('normalizeStatus', () => {
  it('maps DragonSync system status: percentages from totals, uptime seconds to hours, SDR temperature', () => {
    const h = normalizeStatus({
      uid: 'wardragon-WD123', kit_id: 'wardragon-WD123', lat: 5.6037, lon: -0.187, alt: 61.2, cpu_usage: 23.5, memory_total: 8000.0,
      memory_available: 6000.0, disk_total: 100000.0, disk_used: 25000.0, temperature: 51.2, uptime: 7200.0, pluto_temp: '48.1',
      zynq_temp: 'N/A', speed: 0.0, track: 0.0, gps_fix: true, time_source: 'gpsd', last_update_time: 1796119200.0,
    }, 'kit-001', received)!;
    expect(h).toEqual({
      time: new Date('2026-12-01T10:00:00.000Z'), kit_id: 'kit-001', lat: 5.6037, lon: -0.187, alt_m: 61.2, gps_fix: true, cpu_percent: 23.5,
      memory_percent: 25, disk_percent: 25, uptime_hours: 2, temp_cpu_c: 51.2, temp_gpu_c: null, temp_sdr_c: 48.1,
    });
  });

  it('maps the nested format (gps, cpu, memory, disk, temps)', () => {
    const h = normalizeStatus({ timestamp: '2026-12-01T10:00:00Z', gps: { lat: 35.1, lon: -120.5, alt: 100 }, cpu: { percent: 45.2 }, memory: { percent: 62.1 }, disk: { percent: 38.5 }, uptime_hours: 72.5, temps: { cpu: 55.3, gpu: 52.1 } }, 'k', received)!;
    expect(h).toMatchObject({ lat: 35.1, lon: -120.5, alt_m: 100, cpu_percent: 45.2, memory_percent: 62.1, disk_percent: 38.5, uptime_hours: 72.5, temp_cpu_c: 55.3, temp_gpu_c: 52.1 });
  });

  it('is null for an error answer or a non-object, and nulls out impossible values', () => {
    expect(normalizeStatus({ error: 'system status unavailable' }, 'k', received)).toBeNull();
    expect(normalizeStatus([1, 2], 'k', received)).toBeNull();
    expect(normalizeStatus({ cpu_usage: 340, memory_total: 0, memory_available: 10, temperature: 'hot', lat: 0, lon: 0 }, 'k', received)).toMatchObject({ cpu_percent: null, memory_percent: null, temp_cpu_c: null, lat: null, lon: null });
  });
});

describe('parseTime', () => {
  it('reads epoch seconds, epoch milliseconds, ISO 8601 with a zone and zone-less text as UTC', () => {
    expect(parseTime(1796119200, received).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(parseTime(1796119200123, received).toISOString()).toBe('2026-12-01T10:00:00.123Z');
    expect(parseTime('2026-12-01T11:00:00+01:00', received).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(parseTime('2026-12-01 10:00:00', received).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(parseTime(undefined, received)).toBe(received);
    expect(parseTime(0, received)).toBe(received);
  });
});
