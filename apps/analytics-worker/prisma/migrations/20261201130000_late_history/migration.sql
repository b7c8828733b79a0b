-- AlterTable
ALTER TABLE "drone_sessions" ADD COLUMN     "late_from" TIMESTAMPTZ(3),
ADD COLUMN     "late_seq" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "recut_from" TIMESTAMPTZ(3);
