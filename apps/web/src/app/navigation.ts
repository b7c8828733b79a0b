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

/**
 * Every page a signed-in person can reach, by section. New sections slot in here and in routes.tsx: the drone
 * registry and alerts under "Administration" (ADMIN/OPS), the airspace layer as a fleet-map overlay.
 */
export const NAV_SECTIONS: NavSection[] = [
  {
    label: 'Operations',
    items: [
      { to: '/ops/map', label: 'Fleet map', roles: OPS_ROLES },
      { to: '/ops/orders', label: 'Orders', roles: OPS_ROLES },
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
