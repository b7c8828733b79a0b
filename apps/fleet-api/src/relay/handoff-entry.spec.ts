import { describe, expect, it } from '@jest/globals';
import { parseHandoffEntries } from './handoff-entry.js';

const P1 = '{"schema_version":1,"drone_id":"WX-DRN-001","ts":"2026-02-16T12:00:00Z","position":{"lat":5.6,"lon":-0.19}}';
const P2 = '{"schema_version":1,"drone_id":"WX-DRN-002","ts":"2026-02-16T12:00:01Z"}';
const P3 = '{"schema_version":1,"drone_id":"WX-DRN-001","ts":"2026-02-16T12:00:02Z"}';

describe('parseHandoffEntries', () => {
  it('splits an entry into its packets, each keyed <entry id>/<position>', () => {
    const entries = parseHandoffEntries([
      ['1771243200000-0', ['t', '1771243200123', 'ip', '203.0.113.7', 'd', 'WX-DRN-001,WX-DRN-002,WX-DRN-001', 'p', [P1, P2, P3].join('\n')]],
    ]);

    expect(entries).toEqual([
      {
        id: '1771243200000-0',
        packets: [
          { key: '1771243200000-0/0', droneId: 'WX-DRN-001', json: P1, receivedAt: new Date(1771243200123).toISOString(), sourceIp: '203.0.113.7' },
          { key: '1771243200000-0/1', droneId: 'WX-DRN-002', json: P2, receivedAt: new Date(1771243200123).toISOString(), sourceIp: '203.0.113.7' },
          { key: '1771243200000-0/2', droneId: 'WX-DRN-001', json: P3, receivedAt: new Date(1771243200123).toISOString(), sourceIp: '203.0.113.7' },
        ],
      },
    ]);
  });

  it('keeps the commas inside packet JSON', () => {
    const [entry] = parseHandoffEntries([['1-0', ['t', '5', 'ip', '', 'd', 'WX-DRN-001', 'p', P1]]]);

    expect(entry?.packets).toHaveLength(1);
    expect(JSON.parse(entry!.packets[0]!.json)).toEqual(JSON.parse(P1));
  });

  it('gives a null source ip when the ingest request had none', () => {
    const [entry] = parseHandoffEntries([['1-0', ['t', '5', 'ip', '', 'd', 'WX-DRN-001', 'p', P1]]]);

    expect(entry?.packets[0]?.sourceIp).toBeNull();
  });

  it('reads the fields whatever their order', () => {
    const [entry] = parseHandoffEntries([['1-0', ['p', P2, 'd', 'WX-DRN-002', 'ip', '::1', 't', '42']]]);

    expect(entry?.packets).toEqual([{ key: '1-0/0', droneId: 'WX-DRN-002', json: P2, receivedAt: new Date(42).toISOString(), sourceIp: '::1' }]);
  });

  it('skips an entry deleted while pending and keeps the others in order', () => {
    const entries = parseHandoffEntries([
      ['1-0', ['t', '1', 'ip', '', 'd', 'WX-DRN-001', 'p', P1]],
      ['2-0', null],
      ['3-0', ['t', '3', 'ip', '', 'd', 'WX-DRN-002', 'p', P2]],
    ]);

    expect(entries.map((e) => e.id)).toEqual(['1-0', '3-0']);
    expect(entries.map((e) => e.packets[0]?.key)).toEqual(['1-0/0', '3-0/0']);
  });

  it('returns nothing for an empty read', () => {
    expect(parseHandoffEntries([])).toEqual([]);
  });
});
