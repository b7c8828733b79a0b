import type { Role } from '@wingxtra/contracts';

/** Who is calling: a verified token's claims. */
export interface Principal {
  sub: string;
  role: Role;
  merchant_id?: string;
}

/** Who made a change, as recorded on the timeline: a person (their token) or a part of the system. */
export interface Actor {
  id: string;
  role: string;
}

export const actorOf = (p: Principal): Actor => ({ id: p.sub, role: p.role });
export const systemActor = (component: string): Actor => ({ id: `system:${component}`, role: 'SYSTEM' });
