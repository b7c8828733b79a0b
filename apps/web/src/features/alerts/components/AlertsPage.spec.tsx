import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { ALERT_STREAM_EVENT, type AlertDto } from '@wingxtra/contracts/client';
import { acknowledged, alert, cleared } from '../../../../test/support/alerts';
import { FakeEventSource, fakeFetch, renderWithApi } from '../../../../test/support/render-with-api';
import { AlertsPage } from './AlertsPage';

function MapStandIn() {
  const location = useLocation();
  return <h1>Map at {location.pathname + location.search}</h1>;
}

const routes = [
  { path: '/ops/alerts', element: <AlertsPage /> },
  { path: '/ops/map', element: <MapStandIn /> },
];

const item = (a: AlertDto) => document.querySelector<HTMLElement>(`[data-alert="${a.id}"]`);

describe('alerts page', () => {
  let listed: AlertDto[];
  beforeEach(() => {
    sessionStorage.clear();
    FakeEventSource.install();
    listed = [];
  });
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).EventSource;
  });

  function serve(onAck?: (id: string) => AlertDto) {
    return fakeFetch((r) => {
      const ack = /\/alerts\/([^/]+)\/acknowledge$/.exec(r.url);
      if (ack && r.method === 'POST') return { status: 200, body: onAck!(ack[1]!) };
      return { status: 200, body: { items: listed, next_cursor: null } };
    });
  }

  it('opens the stream with the token in the address and merges new, acknowledged and cleared alerts as they come', async () => {
    const first = alert({ message: 'battery at 18 %' });
    listed = [first];
    serve();
    renderWithApi('/ops/alerts', routes, 'OPS');
    await screen.findByText('battery at 18 %');
    const source = FakeEventSource.latest();
    expect(source.url).toMatch(/^\/api\/fleet\/v1\/alerts\/stream\?access_token=[\w.-]+$/);
    act(() => source.open());
    await screen.findByText('Live');

    // A new alert arrives on the stream.
    const fresh = alert({ rule: 'link_loss', severity: 'critical', drone_id: 'WX-DRN-002', message: 'no telemetry for 12 s while armed' });
    act(() => source.send(ALERT_STREAM_EVENT, fresh));
    await screen.findByText('no telemetry for 12 s while armed');
    expect(item(fresh)!.dataset.state).toBe('active');

    // Someone else acknowledges the first: it shows who did, and no longer offers the button.
    act(() => source.send(ALERT_STREAM_EVENT, acknowledged(first, 'ops-7')));
    await waitFor(() => expect(item(first)!.dataset.state).toBe('acknowledged'));
    expect(item(first)!.textContent).toContain('Acknowledged by ops-7');
    expect(within(item(first)!).queryByRole('button', { name: 'Acknowledge' })).toBeNull();

    // Open alerts only (the default): a cleared one leaves the list.
    act(() => source.send(ALERT_STREAM_EVENT, cleared(fresh)));
    await waitFor(() => expect(item(fresh)).toBeNull());
  });

  it('greys cleared alerts in the "all" list and keeps them below the open ones', async () => {
    const open = alert({ message: 'battery at 18 %' });
    const gone = alert({ message: 'inside no-fly zone Airport' });
    listed = [open, gone];
    serve();
    renderWithApi('/ops/alerts?state=all', routes, 'OPS');
    await screen.findByText('inside no-fly zone Airport');
    act(() => FakeEventSource.latest().open());
    act(() => FakeEventSource.latest().send(ALERT_STREAM_EVENT, cleared(gone, 'left the zone')));
    await waitFor(() => expect(item(gone)!.classList.contains('alert-cleared')).toBe(true));
    expect(item(gone)!.textContent).toContain('left the zone');
    const order = [...document.querySelectorAll<HTMLElement>('[data-alert]')].map((el) => el.dataset.alert);
    expect(order).toEqual([open.id, gone.id]);
  });

  it('acknowledges an active alert and shows the answer at once', async () => {
    const a = alert();
    listed = [a];
    const requests = serve((id) => acknowledged({ ...a, id }, 'ops-1'));
    renderWithApi('/ops/alerts', routes, 'OPS');
    await screen.findByText(a.message);
    await userEvent.click(within(item(a)!).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(item(a)!.dataset.state).toBe('acknowledged'));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe(`/api/fleet/v1/alerts/${a.id}/acknowledge`);
  });

  it('says the stream is down, reads the list again, and reopens the stream', async () => {
    listed = [alert()];
    const requests = serve();
    renderWithApi('/ops/alerts', routes, 'OPS');
    await screen.findByText(listed[0]!.message);
    const before = requests.length;
    act(() => FakeEventSource.latest().fail());
    await screen.findByText('Alert stream unavailable: checking every 5 s');
    await waitFor(() => expect(requests.length).toBeGreaterThan(before), { timeout: 7_000 });
    await waitFor(() => expect(FakeEventSource.instances.length).toBe(2), { timeout: 7_000 });
  });

  it('focuses the drone of an alert on the map', async () => {
    const a = alert({ drone_id: 'WX-DRN-009' });
    listed = [a];
    serve();
    renderWithApi('/ops/alerts', routes, 'OPS');
    await userEvent.click(await screen.findByRole('button', { name: 'WX-DRN-009' }));
    await screen.findByRole('heading', { name: 'Map at /ops/map?drone=WX-DRN-009' });
  });

  it('asks fleet-api for the filters chosen', async () => {
    const requests = serve();
    renderWithApi('/ops/alerts?state=cleared&rule=low_battery&drone=WX-DRN-001', routes, 'OPS');
    await screen.findByText('No alert matches these filters.');
    expect(requests[0]!.url).toBe('/api/fleet/v1/alerts?state=cleared&rule=low_battery&drone_id=WX-DRN-001&limit=100');
  });
});
