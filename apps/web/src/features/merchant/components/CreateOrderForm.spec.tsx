import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buildCreateOrder, EMPTY_ORDER_FORM } from '../utils/order-form';
import { CreateOrderForm } from './CreateOrderForm';

const valid = { ...EMPTY_ORDER_FORM, pickupLat: '5.6037', pickupLng: '-0.187', dropoffLat: '5.6101', dropoffLng: '-0.1712', payloadWeightKg: '1.2', payloadType: 'medicine' };

describe('buildCreateOrder', () => {
  it('turns a complete form into a CreateOrderDto with numbers', () => {
    expect(buildCreateOrder(valid)).toEqual({
      errors: {},
      order: { pickup_lat: 5.6037, pickup_lng: -0.187, dropoff_lat: 5.6101, dropoff_lng: -0.1712, payload_weight_kg: 1.2, payload_type: 'medicine', priority: 'NORMAL' },
    });
  });

  it('names each missing field and each number that is not one', () => {
    const { order, errors } = buildCreateOrder({ ...EMPTY_ORDER_FORM, pickupLat: 'north', dropoffLat: '5.6' });
    expect(order).toBeNull();
    expect(errors).toMatchObject({
      pickupLat: 'Pickup latitude must be a number',
      pickupLng: 'Pickup longitude is required',
      dropoffLng: 'Dropoff longitude is required',
      payloadWeightKg: 'Weight is required',
      payloadType: 'Say what is carried (for example "medicine")',
    });
    expect(errors.dropoffLat).toBeUndefined();
  });

  it('applies the contract rules: latitude within ±90, weight at least 0.01 kg, a real phone number', () => {
    const { errors } = buildCreateOrder({ ...valid, pickupLat: '90.000001', payloadWeightKg: '0', customerPhone: '12ab' });
    expect(errors.pickupLat).toBe('Pickup latitude must be from -90 to 90°');
    expect(errors.payloadWeightKg).toBe('Weight must be from 0.01 to 1000 kg');
    expect(errors.customerPhone).toBe('Phone must be a phone number such as +233201234567');
  });

  it('refuses a delivery time in the past', () => {
    const { errors } = buildCreateOrder({ ...valid, scheduledFor: '2020-01-01T10:00' });
    expect(errors.scheduledFor).toBe('The delivery time must be in the future');
  });

  it("sends the device fix's accuracy and time with the dropoff", () => {
    const { order } = buildCreateOrder({ ...valid, dropoffAccuracyM: 8.44, dropoffCapturedAt: '2026-12-01T10:00:00.000Z' });
    expect(order).toMatchObject({ dropoff_accuracy_m: 8.4, dropoff_captured_at: '2026-12-01T10:00:00.000Z' });
  });
});

describe('CreateOrderForm', () => {
  it('shows each problem beside its field and sends nothing', async () => {
    const onSubmit = jest.fn();
    render(<CreateOrderForm busy={false} onSubmit={onSubmit} geolocation={undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Create order' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('Pickup latitude is required')).toBeTruthy();
    expect(screen.getByText('Weight is required')).toBeTruthy();
  });

  it("takes the dropoff from the device's location, shows its accuracy and sends it", async () => {
    const onSubmit = jest.fn();
    const geolocation = {
      getCurrentPosition: (ok: PositionCallback) => ok({ coords: { latitude: 5.61012345, longitude: -0.17118, accuracy: 12.3 }, timestamp: Date.parse('2026-12-01T10:00:00Z') } as GeolocationPosition),
    } as unknown as Geolocation;
    render(<CreateOrderForm busy={false} onSubmit={onSubmit} geolocation={geolocation} />);
    await userEvent.type(screen.getAllByLabelText('Latitude')[0]!, '5.6037');
    await userEvent.type(screen.getAllByLabelText('Longitude')[0]!, '-0.187');
    await userEvent.click(screen.getByRole('button', { name: "Use this device's location" }));
    expect(screen.getByRole('status').textContent).toContain('accurate to ±12 m');
    expect((screen.getAllByLabelText('Latitude')[1] as HTMLInputElement).value).toBe('5.610123');
    await userEvent.type(screen.getByLabelText('Payload'), 'medicine');
    await userEvent.type(screen.getByLabelText('Weight (kg)'), '1');
    await userEvent.click(screen.getByRole('button', { name: 'Create order' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ dropoff_lat: 5.610123, dropoff_accuracy_m: 12.3, dropoff_captured_at: '2026-12-01T10:00:00.000Z' }));
  });

  it('drops the fix accuracy once the dropoff is typed over, since it no longer describes it', async () => {
    const onSubmit = jest.fn();
    const geolocation = { getCurrentPosition: (ok: PositionCallback) => ok({ coords: { latitude: 5.61, longitude: -0.17, accuracy: 5 }, timestamp: Date.now() } as GeolocationPosition) } as unknown as Geolocation;
    render(<CreateOrderForm busy={false} onSubmit={onSubmit} geolocation={geolocation} />);
    await userEvent.click(screen.getByRole('button', { name: "Use this device's location" }));
    await userEvent.type(screen.getAllByLabelText('Latitude')[1]!, '1');
    await userEvent.type(screen.getAllByLabelText('Latitude')[0]!, '5.6');
    await userEvent.type(screen.getAllByLabelText('Longitude')[0]!, '-0.18');
    await userEvent.type(screen.getByLabelText('Payload'), 'books');
    await userEvent.type(screen.getByLabelText('Weight (kg)'), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Create order' }));
    expect(onSubmit.mock.calls[0]![0]).not.toHaveProperty('dropoff_accuracy_m');
  });

  it('explains a refused location permission', async () => {
    const geolocation = { getCurrentPosition: (_ok: PositionCallback, fail: PositionErrorCallback) => fail({ code: 1, message: 'denied' } as GeolocationPositionError) } as unknown as Geolocation;
    render(<CreateOrderForm busy={false} onSubmit={() => undefined} geolocation={geolocation} />);
    await userEvent.click(screen.getByRole('button', { name: "Use this device's location" }));
    expect(screen.getByRole('status').textContent).toBe('Location permission was refused. Allow it, or pick the dropoff on the map.');
  });
});
