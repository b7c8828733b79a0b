import type { Role } from '@wingxtra/contracts/client';

export interface NavItem {
  to: string;
  label: string;
  roles: readonly Role[];
}

export interface NavSection {
  label: string;
  items: NavItem[];
}

export const OPS_ROLES: readonly Role[] = ['OPS', 'ADMIN'];
export const MERCHANT_ROLES: readonly Role[] = ['MERCHANT', 'ADMIN'];
export const ORDER_ROLES: readonly Role[] = ['MERCHANT', 'OPS', 'ADMIN'];
/** Changes to the registry and the geofences (OPS may look at them). */
export const ADMIN_ROLES: readonly Role[] = ['ADMIN'];

/**
 * Every page a signed-in person can reach, by section (new sections slot in here and in routes.tsx). Merchants
 * see none of the fleet's pages: the alerts, the airspace, the registry and the geofences are OPS and ADMIN's.
 */
export const NAV_SECTIONS: NavSection[] = [
  {
    label: 'Operations',
    items: [
      { to: '/ops/map', label: 'Fleet map', roles: OPS_ROLES },
      { to: '/ops/orders', label: 'Orders', roles: OPS_ROLES },
      { to: '/ops/alerts', label: 'Alerts', roles: OPS_ROLES },
      { to: '/ops/airspace', label: 'Airspace', roles: OPS_ROLES },
    ],
  },
  {
    label: 'Administration',
    items: [
      { to: '/admin/drones', label: 'Drones', roles: OPS_ROLES },
      { to: '/admin/geofences', label: 'Geofences', roles: OPS_ROLES },
    ],
  },
  {
    label: 'Merchant',
    items: [
      { to: '/merchant/orders', label: 'My orders', roles: MERCHANT_ROLES },
      { to: '/merchant/orders/new', label: 'New order', roles: MERCHANT_ROLES },
    ],
  },
  {
    label: 'Analytics',
    items: [
      { to: '/analytics/flights', label: 'Flights', roles: OPS_ROLES },
      { to: '/analytics/leaderboard', label: 'Leaderboard', roles: OPS_ROLES },
      { to: '/analytics/playback', label: 'Playback', roles: OPS_ROLES },
    ],
  },
];

/** The sections and items a role may see (sections left empty are dropped). */
export function navFor(role: Role): NavSection[] {
  return NAV_SECTIONS.map((s) => ({ ...s, items: s.items.filter((i) => i.roles.includes(role)) })).filter((s) => s.items.length > 0);
}

/** Where a role lands after signing in. */
export function homeFor(role: Role): string {
  return role === 'MERCHANT' ? '/merchant/orders' : '/ops/map';
}
