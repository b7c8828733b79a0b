-- CreateTable
CREATE TABLE "airspace_kits" (
    "kit_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT,
    "api_url" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "status_since" TIMESTAMPTZ(3),
    "last_seen" TIMESTAMPTZ(3),
    "last_data_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "backoff_ms" INTEGER NOT NULL DEFAULT 0,
    "total_requests" INTEGER NOT NULL DEFAULT 0,
    "successful_requests" INTEGER NOT NULL DEFAULT 0,
    "failed_requests" INTEGER NOT NULL DEFAULT 0,
    "detections_stored" BIGINT NOT NULL DEFAULT 0,
    "polled_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "airspace_kits_pkey" PRIMARY KEY ("kit_id")
);


-- Airspace detections, SQL only (not in schema.prisma: Prisma's schema language cannot describe partitioned
-- tables). Each is range-partitioned by day on "time" (the kit's detection time) like telemetry_raw:
-- src/airspace/airspace-partitions.service.ts creates daily partitions ahead and drops those older than
-- AIRSPACE_RETENTION_DAYS; the default partition takes rows no daily partition covers. The primary keys make a
-- report polled twice (the same kit time) harmless.
CREATE TABLE "airspace_tracks" (
    "time" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "kit_id" TEXT NOT NULL,
    "track_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT,
    "serial" TEXT,
    "callsign" TEXT,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "alt_m" DOUBLE PRECISION,
    "height_m" DOUBLE PRECISION,
    "speed_mps" DOUBLE PRECISION,
    "vspeed_mps" DOUBLE PRECISION,
    "heading_deg" DOUBLE PRECISION,
    "rssi_dbm" DOUBLE PRECISION,
    "freq_mhz" DOUBLE PRECISION,
    "mac" TEXT,
    "ua_type" TEXT,
    "operator_id" TEXT,
    "caa_id" TEXT,
    "pilot_lat" DOUBLE PRECISION,
    "pilot_lon" DOUBLE PRECISION,
    "home_lat" DOUBLE PRECISION,
    "home_lon" DOUBLE PRECISION,
    "rid_make" TEXT,
    "rid_model" TEXT,
    "squawk" TEXT,
    "on_ground" BOOLEAN,
    CONSTRAINT "airspace_tracks_pkey" PRIMARY KEY ("time", "kit_id", "track_id"),
    CONSTRAINT "airspace_tracks_kind_check" CHECK ("kind" IN ('drone', 'aircraft'))
) PARTITION BY RANGE ("time");

CREATE TABLE "airspace_tracks_default" PARTITION OF "airspace_tracks" DEFAULT;

-- The tracks API: latest report per track since a time.
CREATE INDEX "airspace_tracks_track_id_time_idx" ON "airspace_tracks"("track_id", "time" DESC);

CREATE TABLE "airspace_signals" (
    "time" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "kit_id" TEXT NOT NULL,
    "signal_id" TEXT NOT NULL,
    "detection_type" TEXT,
    "source" TEXT,
    "freq_mhz" DOUBLE PRECISION,
    "bandwidth_mhz" DOUBLE PRECISION,
    "power_dbm" DOUBLE PRECISION,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "alt_m" DOUBLE PRECISION,
    CONSTRAINT "airspace_signals_pkey" PRIMARY KEY ("time", "kit_id", "signal_id")
) PARTITION BY RANGE ("time");

CREATE TABLE "airspace_signals_default" PARTITION OF "airspace_signals" DEFAULT;

CREATE TABLE "airspace_system_health" (
    "time" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "kit_id" TEXT NOT NULL,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "alt_m" DOUBLE PRECISION,
    "gps_fix" BOOLEAN,
    "cpu_percent" DOUBLE PRECISION,
    "memory_percent" DOUBLE PRECISION,
    "disk_percent" DOUBLE PRECISION,
    "uptime_hours" DOUBLE PRECISION,
    "temp_cpu_c" DOUBLE PRECISION,
    "temp_gpu_c" DOUBLE PRECISION,
    "temp_sdr_c" DOUBLE PRECISION,
    CONSTRAINT "airspace_system_health_pkey" PRIMARY KEY ("time", "kit_id")
) PARTITION BY RANGE ("time");

CREATE TABLE "airspace_system_health_default" PARTITION OF "airspace_system_health" DEFAULT;
