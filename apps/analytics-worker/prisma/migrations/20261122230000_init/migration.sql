-- CreateTable
CREATE TABLE "flights" (
    "id" UUID NOT NULL,
    "drone_id" TEXT NOT NULL,
    "start_ts" TIMESTAMPTZ(3) NOT NULL,
    "end_ts" TIMESTAMPTZ(3) NOT NULL,
    "end_reason" TEXT NOT NULL,
    "order_id" UUID,
    "sample_count" INTEGER NOT NULL DEFAULT 0,
    "duration_s" DOUBLE PRECISION,
    "distance_m" DOUBLE PRECISION,
    "max_alt_m" DOUBLE PRECISION,
    "mah_used" DOUBLE PRECISION,
    "wh_used" DOUBLE PRECISION,
    "wh_per_km" DOUBLE PRECISION,
    "min_voltage_v" DOUBLE PRECISION,
    "max_current_a" DOUBLE PRECISION,
    "battery_pct_used" DOUBLE PRECISION,
    "computed_metrics" JSONB,
    "metrics_version" INTEGER,
    "computed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flights_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drone_sessions" (
    "drone_id" TEXT NOT NULL,
    "watermark" TIMESTAMPTZ(3),
    "open_from" TIMESTAMPTZ(3),
    "last_seen" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drone_sessions_pkey" PRIMARY KEY ("drone_id")
);

-- CreateIndex
CREATE INDEX "flights_drone_id_start_ts_idx" ON "flights"("drone_id", "start_ts" DESC);

-- CreateIndex
CREATE INDEX "flights_wh_per_km_idx" ON "flights"("wh_per_km");

-- CreateIndex
CREATE UNIQUE INDEX "flights_drone_id_start_ts_key" ON "flights"("drone_id", "start_ts");


-- telemetry_raw: every accepted packet, once (primary key drone_id + ts makes redelivery harmless).
-- Range-partitioned by day on ts; src/history/partitions.service.ts creates partitions ahead and drops
-- expired ones. The default partition catches readings outside every daily partition (late or far-future
-- clocks), so no packet is refused for its timestamp.
CREATE TABLE "telemetry_raw" (
    "drone_id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "schema_version" SMALLINT NOT NULL,
    "flight_id" UUID,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "alt_m" DOUBLE PRECISION,
    "groundspeed_mps" DOUBLE PRECISION,
    "vz_mps" DOUBLE PRECISION,
    "yaw_deg" DOUBLE PRECISION,
    "roll_deg" DOUBLE PRECISION,
    "pitch_deg" DOUBLE PRECISION,
    "armed" BOOLEAN,
    "mode" TEXT,
    "voltage_v" DOUBLE PRECISION,
    "remaining_pct" DOUBLE PRECISION,
    "current_a" DOUBLE PRECISION,
    "mah_drawn" BIGINT,
    "throttle" REAL,
    "rssi_dbm" DOUBLE PRECISION,
    "source_ip" TEXT,
    CONSTRAINT "telemetry_raw_pkey" PRIMARY KEY ("drone_id", "ts")
) PARTITION BY RANGE ("ts");

CREATE TABLE "telemetry_raw_default" PARTITION OF "telemetry_raw" DEFAULT;

CREATE INDEX "telemetry_raw_flight_id_idx" ON "telemetry_raw"("flight_id") WHERE "flight_id" IS NOT NULL;
