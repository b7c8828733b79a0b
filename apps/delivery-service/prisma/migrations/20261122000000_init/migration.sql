-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('CREATED', 'VALIDATED', 'QUEUED', 'ASSIGNED', 'MISSION_SUBMITTED', 'LAUNCHED', 'ENROUTE', 'ARRIVED', 'DELIVERING', 'DELIVERED', 'CANCELED', 'FAILED', 'ABORTED');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('NORMAL', 'URGENT', 'MEDICAL');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'CANCELED', 'FAILED', 'ABORTED', 'REPLACED');

-- CreateEnum
CREATE TYPE "PodMethod" AS ENUM ('PHOTO', 'OTP', 'SIGNATURE', 'OPERATOR_CONFIRM');

-- CreateEnum
CREATE TYPE "IntentStatus" AS ENUM ('PENDING', 'ACCEPTED', 'REJECTED');

-- CreateTable
CREATE TABLE "orders" (
    "id" UUID NOT NULL,
    "public_tracking_id" TEXT NOT NULL,
    "merchant_id" TEXT,
    "customer_name" TEXT,
    "customer_phone" TEXT,
    "pickup_lat" DOUBLE PRECISION NOT NULL,
    "pickup_lng" DOUBLE PRECISION NOT NULL,
    "dropoff_lat" DOUBLE PRECISION NOT NULL,
    "dropoff_lng" DOUBLE PRECISION NOT NULL,
    "dropoff_accuracy_m" DOUBLE PRECISION,
    "dropoff_captured_at" TIMESTAMPTZ(3),
    "payload_weight_kg" DOUBLE PRECISION NOT NULL,
    "payload_type" TEXT NOT NULL,
    "priority" "Priority" NOT NULL DEFAULT 'NORMAL',
    "status" "OrderStatus" NOT NULL DEFAULT 'CREATED',
    "service_area_id" UUID,
    "scheduled_for" TIMESTAMPTZ(3),
    "otp_hash" TEXT,
    "otp_attempts" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_jobs" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "assigned_drone_id" TEXT NOT NULL,
    "mission_intent_id" UUID,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "status" "JobStatus" NOT NULL DEFAULT 'ACTIVE',
    "eta_seconds" INTEGER,
    "offline_since" TIMESTAMPTZ(3),
    "end_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_events" (
    "id" BIGSERIAL NOT NULL,
    "order_id" UUID NOT NULL,
    "job_id" UUID,
    "type" TEXT NOT NULL,
    "from_status" "OrderStatus",
    "to_status" "OrderStatus",
    "actor_id" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "proofs_of_delivery" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "method" "PodMethod" NOT NULL,
    "photo_path" TEXT,
    "confirmed_by" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "proofs_of_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mission_intents" (
    "id" UUID NOT NULL,
    "order_id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "drone_id" TEXT NOT NULL,
    "body" JSONB NOT NULL,
    "status" "IntentStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "accepted_at" TIMESTAMPTZ(3),

    CONSTRAINT "mission_intents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mission_event_receipts" (
    "intent_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mission_event_receipts_pkey" PRIMARY KEY ("intent_id","event_id")
);

-- CreateTable
CREATE TABLE "drones" (
    "drone_id" TEXT NOT NULL,
    "max_payload_kg" DOUBLE PRECISION NOT NULL,
    "home_lat" DOUBLE PRECISION,
    "home_lng" DOUBLE PRECISION,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "maintenance" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drones_pkey" PRIMARY KEY ("drone_id")
);

-- CreateTable
CREATE TABLE "service_areas" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "polygon" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_areas_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status_code" INTEGER,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("scope","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "orders_public_tracking_id_key" ON "orders"("public_tracking_id");

-- CreateIndex
CREATE INDEX "orders_status_priority_created_at_idx" ON "orders"("status", "priority", "created_at");

-- CreateIndex
CREATE INDEX "orders_merchant_id_created_at_idx" ON "orders"("merchant_id", "created_at");

-- CreateIndex
CREATE INDEX "orders_created_at_id_idx" ON "orders"("created_at", "id");

-- CreateIndex
CREATE INDEX "delivery_jobs_order_id_idx" ON "delivery_jobs"("order_id");

-- CreateIndex
CREATE INDEX "delivery_jobs_assigned_drone_id_status_idx" ON "delivery_jobs"("assigned_drone_id", "status");

-- CreateIndex
CREATE INDEX "delivery_events_order_id_id_idx" ON "delivery_events"("order_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "proofs_of_delivery_order_id_key" ON "proofs_of_delivery"("order_id");

-- CreateIndex
CREATE INDEX "mission_intents_order_id_idx" ON "mission_intents"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_areas_name_key" ON "service_areas"("name");

-- CreateIndex
CREATE INDEX "idempotency_records_created_at_idx" ON "idempotency_records"("created_at");

-- AddForeignKey
ALTER TABLE "delivery_jobs" ADD CONSTRAINT "delivery_jobs_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_events" ADD CONSTRAINT "delivery_events_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "proofs_of_delivery" ADD CONSTRAINT "proofs_of_delivery_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mission_intents" ADD CONSTRAINT "mission_intents_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Rules the Prisma schema language cannot express (kept by hand; see prisma/schema.prisma comments).

-- At most one active job per order, and at most one active job per drone: concurrent dispatch runs and
-- manual assignments cannot both win.
CREATE UNIQUE INDEX "delivery_jobs_one_active_per_order" ON "delivery_jobs"("order_id") WHERE "status" = 'ACTIVE';
CREATE UNIQUE INDEX "delivery_jobs_one_active_per_drone" ON "delivery_jobs"("assigned_drone_id") WHERE "status" = 'ACTIVE';

-- Delivery events are an audit trail: never changed, never removed.
CREATE FUNCTION "delivery_events_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'delivery_events are immutable (% refused)', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER "delivery_events_no_update" BEFORE UPDATE OR DELETE ON "delivery_events"
  FOR EACH ROW EXECUTE FUNCTION "delivery_events_immutable"();
