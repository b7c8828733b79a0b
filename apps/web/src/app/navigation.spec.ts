import { describe, expect, it } from '@jest/globals';
import { homeFor, navFor } from './navigation';

const labels = (role: Parameters<typeof navFor>[0]) => navFor(role).flatMap((s) => s.items.map((i) => i.label));

describe('role-based navigation', () => {
  it('shows a merchant only their orders (none of the fleet, alerts, airspace, registry or geofence pages)', () => {
    expect(labels('MERCHANT')).toEqual(['My orders', 'New order']);
    expect(homeFor('MERCHANT')).toBe('/merchant/orders');
  });

  it('shows ops the fleet, the orders, the alerts, airspace, registry and geofences and the analytics, but not the merchant pages', () => {
    expect(labels('OPS')).toEqual(['Fleet map', 'Orders', 'Alerts', 'Airspace', 'Drones', 'Geofences', 'Flights', 'Leaderboard', 'Playback']);
    expect(homeFor('OPS')).toBe('/ops/map');
  });

  it('shows an admin everything', () => {
    expect(labels('ADMIN')).toEqual(['Fleet map', 'Orders', 'Alerts', 'Airspace', 'Drones', 'Geofences', 'My orders', 'New order', 'Flights', 'Leaderboard', 'Playback']);
  });
});
