import { describe, expect, it } from '@jest/globals';
import { render, screen, within } from '@testing-library/react';
import type { DeliveryEventDto } from '@wingxtra/contracts/client';
import { Timeline } from './Timeline';

const base = { order_id: '5d1c2e7a-0f0b-4a4b-8a43-0d6f0e9b7c11', job_id: null, payload: {} };
const events: DeliveryEventDto[] = [
  { ...base, id: '1', type: 'CREATED', from_status: null, to_status: 'CREATED', actor: { id: 'shop-1', role: 'MERCHANT' }, message: 'Order created', created_at: '2026-11-22T10:00:00.000Z' },
  {
    ...base,
    id: '2',
    type: 'ASSIGNED',
    from_status: 'QUEUED',
    to_status: 'ASSIGNED',
    actor: { id: 'ops-1', role: 'OPS' },
    message: 'Assigned manually',
    payload: { drone_id: 'WX-DRN-002', manual: true, reason: 'closest to the clinic', warnings: ['drone is offline (last seen 45 s ago)'] },
    created_at: '2026-11-22T10:01:00.000Z',
  },
  { ...base, id: '3', type: 'DRONE_OFFLINE', from_status: null, to_status: null, actor: { id: 'system:telemetry', role: 'SYSTEM' }, message: 'Drone stopped reporting', created_at: '2026-11-22T10:02:00.000Z' },
];

describe('Timeline', () => {
  it('lists every event oldest first with who made it', () => {
    render(<Timeline events={events} />);
    const items = within(screen.getByRole('list', { name: 'Order timeline' })).getAllByRole('listitem').filter((li) => li.dataset.type);
    expect(items.map((li) => li.dataset.type)).toEqual(['CREATED', 'ASSIGNED', 'DRONE_OFFLINE']);
    expect(items[0]!.textContent).toContain('by shop-1 (MERCHANT)');
    expect(items[2]!.textContent).toContain('by system:telemetry (SYSTEM)');
  });

  it('shows a transition with its from and to states, and a fact without', () => {
    render(<Timeline events={events} />);
    expect(screen.getByText('QUEUED → ASSIGNED')).toBeTruthy();
    const fact = screen.getByText('Drone stopped reporting').closest('li')!;
    expect(fact.className).toBe('fact');
    expect(fact.textContent).not.toContain('→');
  });

  it("spells out a manual assignment's drone, reason and warnings", () => {
    render(<Timeline events={events} />);
    const assigned = screen.getByText('Assigned manually').closest('li')!;
    expect(within(assigned).getByText('Drone WX-DRN-002')).toBeTruthy();
    expect(within(assigned).getByText('Reason: closest to the clinic')).toBeTruthy();
    expect(within(assigned).getByText('Warning: drone is offline (last seen 45 s ago)')).toBeTruthy();
  });

  it('says so when there is no event yet', () => {
    render(<Timeline events={[]} />);
    expect(screen.getByText('No events yet.')).toBeTruthy();
  });
});
