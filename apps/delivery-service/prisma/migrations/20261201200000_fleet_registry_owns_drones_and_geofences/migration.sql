-- Drones and service areas now live in fleet-api's registry (delivery-service reads them over HTTP), so their
-- tables go. Register the drones and service areas in fleet-api BEFORE applying this (docs/operations.md,
-- "Upgrading to the fleet registry"): their rows are dropped here. orders.service_area_id stays, holding the id of
-- fleet-api's service area (it never had a foreign key).

-- DropTable
DROP TABLE "drones";

-- DropTable
DROP TABLE "service_areas";

