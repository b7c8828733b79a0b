import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';

/** A drone's valid keys at one keys_version: what DroneKeyCache holds, and what replicas publish to each other. */
export interface DroneKeySet {
  drone_id: string;
  version: number;
  keys: Array<{ id: string; hash: string; expires_at_ms: number | null }>;
}

type Db = Pick<PrismaService, '$queryRaw'>;

/** Reads of valid keys (not revoked, not past their grace) for the in-process key cache. */
@Injectable()
export class DroneKeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Every drone's key set, drones without a valid key included (so their revoked keys are dropped). */
  async allValidKeySets(): Promise<DroneKeySet[]> {
    return keySets(this.prisma, null);
  }
}

/** The key sets of one drone (droneId) or of all; `db` may be a transaction, so a set can be read with the change that made it. */
export async function keySets(db: Db, droneId: string | null): Promise<DroneKeySet[]> {
  const rows = await db.$queryRaw<Array<{ drone_id: string; keys_version: number; id: string | null; key_hash: string | null; expires_at: Date | null }>>`
    SELECT d.drone_id, d.keys_version, k.id::text AS id, k.key_hash, k.expires_at
    FROM drones d
    LEFT JOIN drone_keys k
      ON k.drone_id = d.drone_id AND d.active AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())
    WHERE ${droneId}::text IS NULL OR d.drone_id = ${droneId}::text`;
  const sets = new Map<string, DroneKeySet>();
  for (const r of rows) {
    let set = sets.get(r.drone_id);
    if (!set) sets.set(r.drone_id, (set = { drone_id: r.drone_id, version: r.keys_version, keys: [] }));
    if (r.id && r.key_hash) set.keys.push({ id: r.id, hash: r.key_hash, expires_at_ms: r.expires_at ? r.expires_at.getTime() : null });
  }
  return [...sets.values()];
}
