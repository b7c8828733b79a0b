import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DroneEligibilityDto } from '@wingxtra/contracts/client';
import { DronePicker, sortCandidates } from './DronePicker';

const c = (drone_id: string, eligible: boolean, time: number | null, reasons: string[] = []): DroneEligibilityDto => ({
  drone_id,
  eligible,
  reasons,
  distance_to_pickup_m: time === null ? null : time * 15,
  time_to_pickup_s: time,
  battery_pct: 80,
  required_battery_pct: 34,
});

const candidates = [
  c('WX-FAR', true, 300),
  c('WX-LOW', false, 20, ['battery 30 % is below the 34 % the trip needs']),
  c('WX-NEAR', true, 40),
  c('WX-MAINT', false, null, ['in maintenance', 'not seen by fleet-api within 30 s']),
];

describe('drone eligibility display', () => {
  it('puts eligible drones first, nearest first, then the others', () => {
    expect(sortCandidates(candidates).map((d) => d.drone_id)).toEqual(['WX-NEAR', 'WX-FAR', 'WX-LOW', 'WX-MAINT']);
  });

  it('marks each drone eligible or not and lists every reason it is not', () => {
    render(<DronePicker candidates={candidates} busy={false} onAssign={() => undefined} />);
    const items = screen.getAllByRole('listitem').filter((li) => li.dataset.drone);
    expect(items.map((li) => li.dataset.drone)).toEqual(['WX-NEAR', 'WX-FAR', 'WX-LOW', 'WX-MAINT']);
    expect(items[0]!.textContent).toContain('Eligible');
    expect(items[3]!.textContent).toContain('Not eligible');
    expect(screen.getByText('in maintenance')).toBeTruthy();
    expect(screen.getByText('not seen by fleet-api within 30 s')).toBeTruthy();
    expect(screen.getByText('battery 30 % is below the 34 % the trip needs')).toBeTruthy();
  });

  it('requires a drone and a reason of at least 3 characters before assigning', async () => {
    const onAssign = jest.fn();
    render(<DronePicker candidates={candidates} busy={false} onAssign={onAssign} />);
    await userEvent.click(screen.getByRole('button', { name: 'Assign' }));
    expect(screen.getByText('Choose a drone')).toBeTruthy();
    await userEvent.click(screen.getByRole('radio', { name: /WX-NEAR/ }));
    await userEvent.type(screen.getByLabelText(/Reason/), 'ok');
    await userEvent.click(screen.getByRole('button', { name: 'Assign WX-NEAR' }));
    expect(screen.getByText('Reason must be at least 3 characters')).toBeTruthy();
    expect(onAssign).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText(/Reason/), ' go');
    await userEvent.click(screen.getByRole('button', { name: 'Assign WX-NEAR' }));
    expect(onAssign).toHaveBeenCalledWith({ drone_id: 'WX-NEAR', reason: 'ok go' });
  });

  it('warns before assigning a drone that is not eligible', async () => {
    render(<DronePicker candidates={candidates} busy={false} onAssign={() => undefined} />);
    await userEvent.click(screen.getByRole('radio', { name: /WX-LOW/ }));
    expect(screen.getByRole('note').textContent).toContain('WX-LOW is not eligible');
  });
});
