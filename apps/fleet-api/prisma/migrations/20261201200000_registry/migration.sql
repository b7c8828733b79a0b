-- CreateTable
CREATE TABLE "drones" (
    "drone_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "max_payload_kg" DOUBLE PRECISION NOT NULL,
    "home_lat" DOUBLE PRECISION,
    "home_lon" DOUBLE PRECISION,
    "notes" TEXT,
    "maintenance" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'offline',
    "status_reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_heartbeat_at" TIMESTAMPTZ(3),
    "last_heartbeat" JSONB,
    "heartbeat_warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "keys_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deactivated_at" TIMESTAMPTZ(3),

    CONSTRAINT "drones_pkey" PRIMARY KEY ("drone_id")
);

-- CreateTable
CREATE TABLE "drone_keys" (
    "id" UUID NOT NULL,
    "drone_id" TEXT NOT NULL,
    "key_hash" CHAR(64) NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "drone_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drone_heartbeats" (
    "id" BIGSERIAL NOT NULL,
    "drone_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cpu_pct" DOUBLE PRECISION,
    "memory_pct" DOUBLE PRECISION,
    "disk_pct" DOUBLE PRECISION,
    "temperature_c" DOUBLE PRECISION,
    "software_version" TEXT,
    "uptime_s" DOUBLE PRECISION,
    "droneengage_status" TEXT,
    "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "drone_heartbeats_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drone_events" (
    "id" BIGSERIAL NOT NULL,
    "drone_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drone_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "geofences" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "polygon" JSONB NOT NULL,
    "min_alt_m" DOUBLE PRECISION,
    "max_alt_m" DOUBLE PRECISION,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "geofences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alerts" (
    "id" UUID NOT NULL,
    "drone_id" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "ack_note" TEXT,
    "cleared_at" TIMESTAMPTZ(3),
    "clear_reason" TEXT,

    CONSTRAINT "alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "drones_status_idx" ON "drones"("status");

-- CreateIndex
CREATE INDEX "drones_type_idx" ON "drones"("type");

-- CreateIndex
CREATE UNIQUE INDEX "drone_keys_key_hash_key" ON "drone_keys"("key_hash");

-- CreateIndex
CREATE INDEX "drone_keys_drone_id_idx" ON "drone_keys"("drone_id");

-- CreateIndex
CREATE INDEX "drone_heartbeats_drone_id_received_at_idx" ON "drone_heartbeats"("drone_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "drone_heartbeats_received_at_idx" ON "drone_heartbeats"("received_at");

-- CreateIndex
CREATE INDEX "drone_events_drone_id_id_idx" ON "drone_events"("drone_id", "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "geofences_name_key" ON "geofences"("name");

-- CreateIndex
CREATE INDEX "alerts_state_raised_at_idx" ON "alerts"("state", "raised_at" DESC);

-- CreateIndex
CREATE INDEX "alerts_drone_id_raised_at_idx" ON "alerts"("drone_id", "raised_at" DESC);

-- AddForeignKey
ALTER TABLE "drone_keys" ADD CONSTRAINT "drone_keys_drone_id_fkey" FOREIGN KEY ("drone_id") REFERENCES "drones"("drone_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drone_heartbeats" ADD CONSTRAINT "drone_heartbeats_drone_id_fkey" FOREIGN KEY ("drone_id") REFERENCES "drones"("drone_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drone_events" ADD CONSTRAINT "drone_events_drone_id_fkey" FOREIGN KEY ("drone_id") REFERENCES "drones"("drone_id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Added by hand (the Prisma schema language cannot express these; schema.prisma names them).

-- The vocabulary of the text columns (the contracts' DRONE_STATUSES, GEOFENCE_KINDS, ALERT_STATES, ...).
ALTER TABLE "drones" ADD CONSTRAINT "drones_status_check" CHECK ("status" IN ('healthy', 'degraded', 'offline', 'maintenance'));
ALTER TABLE "drone_events" ADD CONSTRAINT "drone_events_severity_check" CHECK ("severity" IN ('info', 'warning', 'error'));
ALTER TABLE "geofences" ADD CONSTRAINT "geofences_kind_check" CHECK ("kind" IN ('service_area', 'no_fly_zone'));
ALTER TABLE "geofences" ADD CONSTRAINT "geofences_altitude_band_check" CHECK ("min_alt_m" IS NULL OR "max_alt_m" IS NULL OR "min_alt_m" < "max_alt_m");
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_state_check" CHECK ("state" IN ('active', 'acknowledged', 'cleared'));
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_severity_check" CHECK ("severity" IN ('warning', 'critical'));

-- At most one alert per drone and rule that is not cleared: raising is INSERT ... ON CONFLICT against this
-- index, so replicas that see the same condition at the same time raise it once.
CREATE UNIQUE INDEX "alerts_one_open_per_drone_rule" ON "alerts"("drone_id", "rule") WHERE "state" <> 'cleared';
