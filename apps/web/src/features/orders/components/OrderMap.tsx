import type { OrderDto } from '@wingxtra/contracts/client';
import { useDroneLatest } from '../../../api/hooks';
import { BaseMap } from '../../../components/BaseMap';
import { DroneMarker, PointMarker } from '../../../components/MapMarkers';

/** Pickup, dropoff and, while a drone is committed, where that drone is now (fleet-api, every 2 s). */
export function OrderMap({ order }: { order: OrderDto }) {
  const droneId = order.active_job?.drone_id ?? null;
  const drone = useDroneLatest(droneId, 2_000);
  const pos = drone.data?.telemetry.position;
  const bounds: [[number, number], [number, number]] = [
    [Math.min(order.pickup_lat, order.dropoff_lat, pos?.lat ?? 90), Math.min(order.pickup_lng, order.dropoff_lng, pos?.lon ?? 180)],
    [Math.max(order.pickup_lat, order.dropoff_lat, pos?.lat ?? -90), Math.max(order.pickup_lng, order.dropoff_lng, pos?.lon ?? -180)],
  ];
  return (
    <BaseMap className="order-map" label="Order map" bounds={bounds} fitKey={`${order.id}:${droneId ?? ""}:${pos ? "drone" : "none"}`}>
      <PointMarker position={[order.pickup_lat, order.pickup_lng]} letter="P" kind="pickup" title="Pickup" />
      <PointMarker position={[order.dropoff_lat, order.dropoff_lng]} letter="D" kind="dropoff" title={`Dropoff${order.dropoff_accuracy_m !== null ? ` (±${Math.round(order.dropoff_accuracy_m)} m)` : ''}`} />
      {droneId && pos ? <DroneMarker position={[pos.lat, pos.lon]} headingDeg={drone.data?.telemetry.attitude?.yaw_deg ?? null} title={`${droneId}${drone.data?.online ? '' : ' (offline)'}`} /> : null}
    </BaseMap>
  );
}
