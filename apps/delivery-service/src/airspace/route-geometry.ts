import type { LatLng } from '../geo/geo.js';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;
/** Longitude difference b - a in degrees, wrapped into [-180, 180) (routes across the antimeridian). */
const dLng = (a: number, b: number) => ((((b - a + 180) % 360) + 360) % 360) - 180;

/**
 * Shortest distance in metres from a point to the straight route a → b (pickup to dropoff), on a local
 * equirectangular projection around the route: within 0.5 % of the great-circle answer for routes and
 * distances of tens of kilometres, which delivery routes are. A point beyond an end is measured to that end.
 */
export function distanceToRouteM(p: LatLng, a: LatLng, b: LatLng): number {
  const cosLat = Math.cos(rad((a.lat + b.lat) / 2));
  const x = (q: LatLng) => rad(dLng(a.lng, q.lng)) * cosLat * EARTH_RADIUS_M;
  const y = (q: LatLng) => rad(q.lat - a.lat) * EARTH_RADIUS_M;
  const [bx, by, px, py] = [x(b), y(b), x(p), y(p)];
  const len2 = bx * bx + by * by;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, (px * bx + py * by) / len2));
  return Math.hypot(px - t * bx, py - t * by);
}
