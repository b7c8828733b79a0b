-- AlterTable
ALTER TABLE "drone_sessions" ADD COLUMN "checked_to" TIMESTAMPTZ(3);
