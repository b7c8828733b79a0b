import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { ApiProvider } from '../../../api/ApiProvider';
import { AuthProvider } from '../../../app/auth/AuthContext';
import { TrackingPage } from './TrackingPage';

function answer(status: number, body: unknown) {
  // jsdom has no fetch or Response: the stand-in answers the way fetch's Response would.
  const fetchMock = jest.fn(async (_input: unknown, _init?: unknown) => ({ ok: status < 300, status, text: async () => JSON.stringify(body) }));
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  return fetchMock;
}

function renderAt(path: string) {
  render(
    <AuthProvider>
      <ApiProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/t/:publicTrackingId" element={<TrackingPage />} />
          </Routes>
        </MemoryRouter>
      </ApiProvider>
    </AuthProvider>,
  );
}

describe('tracking page', () => {
  it('asks delivery-service through the web server, without a token', async () => {
    const fetchMock = answer(404, { statusCode: 404, error: 'Not Found', message: 'No delivery with this tracking link' });
    renderAt('/t/K7Q2XH9MVaTR');
    await screen.findByRole('heading', { name: "We can't find this delivery" });
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/delivery/v1/tracking/K7Q2XH9MVaTR');
    expect(JSON.stringify(fetchMock.mock.calls[0])).not.toContain('authorization');
  });

  it('says so plainly when the link has expired', async () => {
    answer(410, { statusCode: 410, error: 'Gone', message: 'This tracking link has expired' });
    renderAt('/t/K7Q2XH9MVaTR');
    await screen.findByRole('heading', { name: 'This tracking link has expired' });
  });

  it('asks the customer to wait after too many refreshes', async () => {
    answer(429, { statusCode: 429, error: 'Too Many Requests', message: 'Rate limit exceeded, retry in 1 minute' });
    renderAt('/t/K7Q2XH9MVaTR');
    await screen.findByRole('heading', { name: 'Too many refreshes' });
  });

  it('shows the status in words and the proof once delivered', async () => {
    answer(200, {
      public_tracking_id: 'K7Q2XH9MVaTR',
      status: 'DELIVERED',
      milestones: [{ status: 'CREATED', at: '2026-11-22T10:00:00.000Z' }, { status: 'DELIVERED', at: '2026-11-22T10:10:02.311Z' }],
      eta_seconds: null,
      dropoff_lat: 5.6101,
      dropoff_lng: -0.1712,
      drone: null,
      pod: { method: 'OTP', delivered_at: '2026-11-22T10:10:02.311Z' },
      updated_at: '2026-11-22T10:10:02.311Z',
    });
    renderAt('/t/K7Q2XH9MVaTR');
    await screen.findByRole('heading', { level: 1, name: 'Delivered.' });
    expect(screen.getByTestId('tracking-pod').textContent).toMatch(/confirmed by your delivery code\.$/);
    expect(screen.getByRole('heading', { name: 'Dropoff' })).toBeTruthy();
  });
});
