import { destination, distanceM, type LatLng } from '../model/geo.js';
import { between, type Rng } from '../model/random.js';

/** GeoJSON Polygon coordinates: rings of [lng, lat], the outer ring first, then holes; each ring closed. */
export type PolygonCoordinates = number[][][];

/** A closed ring of `sides` vertices on a circle around a centre, as GeoJSON polygon coordinates. */
export function circlePolygon(centre: LatLng, radiusM: number, sides = 32): PolygonCoordinates {
  const ring = Array.from({ length: sides }, (_, i) => {
    const p = destination(centre, (360 * i) / sides, radiusM);
    return [Math.round(p.lng * 1e7) / 1e7, Math.round(p.lat * 1e7) / 1e7];
  });
  return [[...ring, ring[0]]];
}

/** Ray casting (even-odd) on one ring of [lng, lat]. */
export function inRing(p: LatLng, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and in none of the holes. */
export function inPolygon(p: LatLng, polygon: PolygonCoordinates): boolean {
  const [outer, ...holes] = polygon;
  return outer !== undefined && inRing(p, outer) && !holes.some((h) => inRing(p, h));
}

/**
 * A random dropoff: uniform over the disc of maxRadiusM around the hub (at least minRadiusM from it) and inside
 * the polygon, by rejection; null when 1000 draws found no such point (the area and the disc hardly overlap).
 */
export function randomDropoff(rng: Rng, hub: LatLng, polygon: PolygonCoordinates, minRadiusM: number, maxRadiusM: number): LatLng | null {
  for (let i = 0; i < 1000; i++) {
    // √ of a uniform draw spreads points evenly over the disc's area rather than bunching them at the centre.
    const r = Math.sqrt(between(rng, (minRadiusM / maxRadiusM) ** 2, 1)) * maxRadiusM;
    const p = destination(hub, between(rng, 0, 360), r);
    if (inPolygon(p, polygon) && distanceM(hub, p) >= minRadiusM) return { lat: Math.round(p.lat * 1e6) / 1e6, lng: Math.round(p.lng * 1e6) / 1e6 };
  }
  return null;
}
