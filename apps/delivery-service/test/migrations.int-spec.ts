import { cpSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@wingxtra/testing';
import { migrate, MIGRATIONS_DIR } from '../src/database/migrator.js';
import { PrismaClient } from '../src/generated/prisma/client.js';

describe('migrations', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await createTestDatabase('wx_migrate_test');
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await db.drop();
  });

  it('applies every migration to an empty database and records it as Prisma does', async () => {
    const result = await migrate(db.url);
    expect(result.applied.length).toBeGreaterThan(0);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
    await client.end();
    expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
    for (const r of rows) {
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(r.finished_at).not.toBeNull();
    }
  });

  it('does nothing the second time', async () => {
    const again = await migrate(db.url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.length).toBeGreaterThan(0);
  });

  it('runs safely when several processes migrate at once', async () => {
    const other = await createTestDatabase('wx_migrate_race');
    try {
      const results = await Promise.all([migrate(other.url), migrate(other.url), migrate(other.url)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, results.reduce((n, r) => n + r.applied.length, 0)]);
    } finally {
      await other.drop();
    }
  });

  it('creates the database when it does not exist yet', async () => {
    const url = new URL(db.url);
    url.pathname = `/${db.name}_created`;
    try {
      const r = await migrate(url.toString());
      expect(r.applied.length).toBeGreaterThan(0);
    } finally {
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${db.name}_created" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('refuses to run when an applied migration file was changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wx-migrations-'));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const first = (await import('node:fs')).readdirSync(dir).filter((n) => n !== 'migration_lock.toml').sort()[0];
      appendFileSync(join(dir, first, 'migration.sql'), '\n-- edited\n');
      await expect(migrate(db.url, dir)).rejects.toThrow(/was changed after it was applied/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls back a failing migration entirely and names it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wx-migrations-'));
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      const bad = join(dir, '29991231000000_broken');
      (await import('node:fs')).mkdirSync(bad);
      writeFileSync(join(bad, 'migration.sql'), 'CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";\n');
      await expect(migrate(db.url, dir)).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const { rowCount } = await client.query(`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
      await client.end();
      expect(rowCount).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upgrades a database that had its own drones and service areas: the tables go, orders keep their service_area_id', async () => {
    const older = await createTestDatabase('wx_migrate_upgrade');
    const dir = mkdtempSync(join(tmpdir(), 'wx-migrations-'));
    const client = new pg.Client({ connectionString: older.url });
    try {
      cpSync(MIGRATIONS_DIR, dir, { recursive: true });
      rmSync(join(dir, '20261201200000_fleet_registry_owns_drones_and_geofences'), { recursive: true });
      await migrate(older.url, dir);
      await client.connect();
      await client.query(`INSERT INTO drones (drone_id, max_payload_kg, updated_at) VALUES ('WX-OLD-1', 2, now())`);
      const { rows: [area] } = await client.query(`INSERT INTO service_areas (id, name, polygon) VALUES (gen_random_uuid(), 'old area', '[]') RETURNING id`);
      await client.query(
        `INSERT INTO orders (id, public_tracking_id, pickup_lat, pickup_lng, dropoff_lat, dropoff_lng, payload_weight_kg, payload_type, service_area_id, updated_at)
         VALUES (gen_random_uuid(), 'UPGRADE00001', 1, 2, 3, 4, 1, 'box', $1, now())`,
        [area.id],
      );
      expect((await migrate(older.url)).applied).toEqual(['20261201200000_fleet_registry_owns_drones_and_geofences']);
      const { rows: tables } = await client.query(`SELECT tablename FROM pg_tables WHERE tablename IN ('drones', 'service_areas')`);
      expect(tables).toEqual([]);
      const { rows: [order] } = await client.query(`SELECT service_area_id FROM orders WHERE public_tracking_id = 'UPGRADE00001'`);
      expect(order.service_area_id).toBe(area.id);
    } finally {
      await client.end().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
      await older.drop();
    }
  });

  it('agrees with schema.prisma: every model can be written and read', async () => {
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url }) });
    const order = await prisma.order.create({
      data: { publicTrackingId: 'TESTTRACK001', pickupLat: 1, pickupLng: 2, dropoffLat: 3, dropoffLng: 4, payloadWeightKg: 1, payloadType: 'box', scheduledFor: new Date(), otpHash: 'x' },
    });
    const job = await prisma.deliveryJob.create({ data: { orderId: order.id, assignedDroneId: 'WX-1', etaSeconds: 30, offlineSince: new Date() } });
    await prisma.deliveryEvent.create({ data: { orderId: order.id, jobId: job.id, type: 'CREATED', toStatus: 'CREATED', actorId: 'a', actorRole: 'OPS', message: 'm', payload: { a: 1 } } });
    await prisma.proofOfDelivery.create({ data: { orderId: order.id, method: 'OTP', metadata: {}, flagged: true } });
    await prisma.missionIntent.create({ data: { id: job.id, orderId: order.id, jobId: job.id, droneId: 'WX-1', body: { x: 1 } } });
    await prisma.missionEventReceipt.create({ data: { intentId: job.id, eventId: 'e1' } });
    await prisma.idempotencyRecord.create({ data: { scope: 's', key: 'k', requestHash: 'h', statusCode: 201, response: { ok: true } } });
    const read = await prisma.order.findUnique({ where: { id: order.id }, include: { jobs: true, events: true, pod: true, intents: true } });
    expect(read?.jobs).toHaveLength(1);
    expect(read?.events).toHaveLength(1);
    expect(read?.pod?.method).toBe('OTP');
    expect(read?.intents).toHaveLength(1);
  });

  it('keeps delivery events immutable', async () => {
    const event = await prisma.deliveryEvent.findFirstOrThrow();
    await expect(prisma.deliveryEvent.update({ where: { id: event.id }, data: { message: 'rewritten' } })).rejects.toThrow(/immutable/);
    await expect(prisma.deliveryEvent.delete({ where: { id: event.id } })).rejects.toThrow(/immutable/);
  });

  it('allows one active job per order and per drone, any number of ended ones', async () => {
    const order = await prisma.order.findFirstOrThrow();
    await expect(prisma.deliveryJob.create({ data: { orderId: order.id, assignedDroneId: 'WX-2' } })).rejects.toMatchObject({ code: 'P2002' });
    const other = await prisma.order.create({ data: { publicTrackingId: 'TESTTRACK002', pickupLat: 1, pickupLng: 2, dropoffLat: 3, dropoffLng: 4, payloadWeightKg: 1, payloadType: 'box' } });
    await expect(prisma.deliveryJob.create({ data: { orderId: other.id, assignedDroneId: 'WX-1' } })).rejects.toMatchObject({ code: 'P2002' });
    await prisma.deliveryJob.create({ data: { orderId: other.id, assignedDroneId: 'WX-1', status: 'FAILED' } });
    await prisma.deliveryJob.create({ data: { orderId: other.id, assignedDroneId: 'WX-1', status: 'ABORTED' } });
  });
});
