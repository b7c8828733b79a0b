import { beforeEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useParams } from 'react-router';
import { fakeFetch, renderWithApi } from '../../../../test/support/render-with-api';
import { RegisterDronePage } from './RegisterDronePage';

const KEY = 'wxd_' + 'k'.repeat(43);

function DronePageStandIn() {
  const { droneId } = useParams();
  return <h1>Drone page of {droneId}</h1>;
}

const routes = [
  { path: '/admin/drones/new', element: <RegisterDronePage /> },
  { path: '/admin/drones/:droneId', element: <DronePageStandIn /> },
];

const registered = {
  drone: {
    drone_id: 'WX-DRN-007', name: 'Kumasi 7', type: 'hexacopter', max_payload_kg: 4, home: null, notes: null, maintenance: false, active: true,
    status: 'offline', status_reasons: ['never heard from'], status_changed_at: '2026-12-01T10:00:00.000Z', last_heartbeat_at: null,
    created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:00.000Z', deactivated_at: null,
  },
  api_key: KEY,
  key: { id: '5c8f1e1e-1b9f-4a54-9d1c-3f1c7b2a9e10', drone_id: 'WX-DRN-007', prefix: 'wxd_kkkkkkkk', created_at: '2026-12-01T10:00:00.000Z', expires_at: null, revoked_at: null, valid: true },
};

async function fillValid() {
  await userEvent.type(screen.getByLabelText('Drone ID'), 'WX-DRN-007');
  await userEvent.type(screen.getByLabelText('Name'), 'Kumasi 7');
  await userEvent.selectOptions(screen.getByLabelText('Type'), 'hexacopter');
  await userEvent.type(screen.getByLabelText('Maximum payload (kg)'), '4');
}

describe('registering a drone', () => {
  beforeEach(() => sessionStorage.clear());

  it('names each problem beside its field and sends nothing', async () => {
    const requests = fakeFetch(() => ({ status: 500 }));
    renderWithApi('/admin/drones/new', routes);
    await userEvent.type(screen.getByLabelText('Drone ID'), 'wx 7');
    await userEvent.type(screen.getByLabelText('Home latitude'), '5.6');
    await userEvent.click(screen.getByRole('button', { name: 'Register drone' }));
    expect(screen.getByText(/^Drone ID must be 3 to 64 capital letters/)).toBeTruthy();
    expect(screen.getByText('Name must not be empty')).toBeTruthy();
    expect(screen.getByText('Maximum payload is required')).toBeTruthy();
    expect(screen.getByText('Give both home coordinates, or neither')).toBeTruthy();
    expect(screen.getByLabelText('Drone ID').getAttribute('aria-invalid')).toBe('true');
    expect(requests).toEqual([]);
  });

  it('shows the key once with a copy button and a warning, and forgets it when the admin has stored it', async () => {
    const requests = fakeFetch((r) => (r.method === 'POST' ? { status: 201, body: registered } : { status: 200, body: registered.drone }));
    renderWithApi('/admin/drones/new', routes);
    await fillValid();
    await userEvent.click(screen.getByRole('button', { name: 'Register drone' }));

    const keyBox = (await screen.findByLabelText('Key')) as HTMLInputElement;
    expect(keyBox.value).toBe(KEY);
    expect(keyBox.readOnly).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('shown only now and will not be shown again');
    expect(screen.getByRole('button', { name: 'Copy key' })).toBeTruthy();
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.url).toBe('/api/fleet/v1/drones');
    expect(post.body).toEqual({ drone_id: 'WX-DRN-007', name: 'Kumasi 7', type: 'hexacopter', max_payload_kg: 4 });
    expect(post.headers.authorization).toMatch(/^Bearer /);
    // Nothing keeps the key but the page itself.
    expect(JSON.stringify({ ...sessionStorage })).not.toContain(KEY);
    expect(JSON.stringify({ ...localStorage })).not.toContain(KEY);

    await userEvent.click(screen.getByRole('button', { name: 'I have stored the key' }));
    await screen.findByRole('heading', { name: 'Drone page of WX-DRN-007' });
    expect(document.body.textContent).not.toContain(KEY);
  });

  it('copies the key to the clipboard', async () => {
    fakeFetch(() => ({ status: 201, body: registered }));
    const user = userEvent.setup();
    renderWithApi('/admin/drones/new', routes);
    await fillValid();
    await user.click(screen.getByRole('button', { name: 'Register drone' }));
    await user.click(await screen.findByRole('button', { name: 'Copy key' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy());
    await expect(navigator.clipboard.readText()).resolves.toBe(KEY);
  });

  it("says why fleet-api refused, in its own words, and keeps the form", async () => {
    fakeFetch(() => ({ status: 409, body: { statusCode: 409, error: 'Conflict', message: 'Drone WX-DRN-007 is registered already' } }));
    renderWithApi('/admin/drones/new', routes);
    await fillValid();
    await userEvent.click(screen.getByRole('button', { name: 'Register drone' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Drone WX-DRN-007 is registered already.');
    expect((screen.getByLabelText('Drone ID') as HTMLInputElement).value).toBe('WX-DRN-007');
  });
});
