-- CreateTable
CREATE TABLE "airspace_intrusions" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "track_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "distance_m" DOUBLE PRECISION NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cleared_at" TIMESTAMPTZ(3),

    CONSTRAINT "airspace_intrusions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "airspace_intrusions_order_id_idx" ON "airspace_intrusions"("order_id");

-- Hand-written (Prisma's schema language cannot express it): at most one open intrusion per order and track,
-- so concurrent checks record an intrusion, and its timeline alert, once.
CREATE UNIQUE INDEX "airspace_intrusions_open_key" ON "airspace_intrusions"("order_id", "track_id") WHERE "cleared_at" IS NULL;

ALTER TABLE "airspace_intrusions" ADD CONSTRAINT "airspace_intrusions_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;
