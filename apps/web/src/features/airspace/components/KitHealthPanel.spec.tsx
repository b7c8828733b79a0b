import { beforeEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import type { AirspaceKitDto } from '@wingxtra/contracts/client';
import { fakeFetch, renderWithApi } from '../../../../test/support/render-with-api';
import { KitHealthPanel } from './KitHealthPanel';

const NOW = '2026-12-01T10:00:06.000Z';

function kit(patch: Partial<AirspaceKitDto>): AirspaceKitDto {
  return {
    kit_id: 'kit-001', name: 'Mobile Unit Alpha', location: 'Field Operations', api_url: 'http://192.168.1.100:8088', enabled: true,
    status: 'online', status_since: '2026-12-01T09:00:00.000Z', last_seen: '2026-12-01T10:00:01.000Z', last_data_at: '2026-12-01T10:00:01.000Z',
    last_error: null, consecutive_failures: 0, current_backoff_s: 5, requests: { total: 720, ok: 709, failed: 11, success_rate_pct: 98.5 },
    detections_stored: 15320, polled_by: 'worker-a', updated_at: '2026-12-01T10:00:01.000Z', ...patch,
  };
}

const render = (kits: AirspaceKitDto[] | { status: number; body: unknown }) => {
  const requests = fakeFetch(() => (Array.isArray(kits) ? { status: 200, body: { server_time: NOW, kits } } : kits));
  renderWithApi('/', [{ path: '/', element: <KitHealthPanel /> }], 'OPS');
  return requests;
};

const card = (id: string) => document.querySelector<HTMLElement>(`[data-kit="${id}"]`)!;

describe('kit health panel', () => {
  beforeEach(() => sessionStorage.clear());

  it("shows an online kit's last contact, success rate and backoff, on analytics-worker's clock", async () => {
    const requests = render([kit({})]);
    await screen.findByText('Mobile Unit Alpha');
    const c = within(card('kit-001'));
    expect(c.getByText('Online').className).toContain('kit-status-online');
    expect(card('kit-001').textContent).toContain('Last seen5 s ago');
    expect(card('kit-001').textContent).toContain('Success rate98.5 % (709 of 720 poll rounds)');
    expect(card('kit-001').textContent).toContain('Next poll after5 s');
    expect(card('kit-001').textContent).toContain('Last errornone');
    expect(requests[0]!.url).toBe('/api/analytics/v1/airspace/kits');
  });

  it('puts kits in trouble first, each in its colour, with the error and the current backoff', async () => {
    render([
      kit({ kit_id: 'kit-ok', name: 'A online' }),
      kit({ kit_id: 'kit-new', name: 'B unknown', status: 'unknown', last_seen: null, last_data_at: null, requests: { total: 0, ok: 0, failed: 0, success_rate_pct: 0 } }),
      kit({ kit_id: 'kit-down', name: 'C offline', status: 'offline', last_error: 'request error fetching /drones: ECONNREFUSED', consecutive_failures: 3, current_backoff_s: 150 }),
      kit({ kit_id: 'kit-quiet', name: 'D stale', status: 'stale' }),
      kit({ kit_id: 'kit-bad', name: 'E error', status: 'error', last_error: 'HTTP 500 from /drones' }),
      kit({ kit_id: 'kit-off', name: 'F disabled', enabled: false, status: 'unknown' }),
    ]);
    await screen.findByText('A online');
    const order = [...document.querySelectorAll<HTMLElement>('[data-kit]')].map((el) => el.dataset.kit);
    expect(order).toEqual(['kit-bad', 'kit-down', 'kit-quiet', 'kit-new', 'kit-ok', 'kit-off']);
    expect(card('kit-down').className).toContain('kit-offline');
    expect(within(card('kit-down')).getByText('Offline').className).toContain('kit-status-offline');
    expect(card('kit-down').textContent).toContain('request error fetching /drones: ECONNREFUSED');
    expect(card('kit-down').textContent).toContain('Next poll after2 min 30 s (3 failures in a row)');
    expect(within(card('kit-quiet')).getByText('Stale').className).toContain('kit-status-stale');
    expect(within(card('kit-bad')).getByText('Error').className).toContain('kit-status-error');
    expect(card('kit-new').textContent).toContain('Last seennever');
    expect(card('kit-new').textContent).toContain('not polled yet');
    expect(within(card('kit-off')).getByText('Disabled')).toBeTruthy();
  });

  it('says when no kit is configured, and when analytics-worker cannot be asked', async () => {
    render([]);
    await screen.findByText("No detection kit is configured (analytics-worker's KITS_CONFIG).");
  });

  it("shows analytics-worker's refusal in words", async () => {
    render({ status: 502, body: { statusCode: 502, error: 'Bad Gateway', message: 'analytics-worker is unreachable (connect ECONNREFUSED); retry shortly' } });
    expect((await screen.findByRole('alert', {}, { timeout: 8_000 })).textContent).toContain('analytics-worker is unreachable');
  });
});
