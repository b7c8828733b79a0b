/**
 * Plane geometry for geofences, on the WGS-84 sphere, browser-safe (no Node modules). Positions are
 * {lat, lon} in degrees; polygons are GeoJSON Polygon coordinates: rings of [lon, lat], the first ring the
 * boundary and the others holes, each closed (last position = first).
 *
 * Every computation about a point p works in a local plane around p (an equirectangular projection centred
 * on p, longitudes unwrapped across the antimeridian), in metres. Within a few tens of kilometres of p,
 * which is the size of a service area, the error is well under a metre per kilometre.
 */

export interface LatLon {
  lat: number;
  lon: number;
}

/** GeoJSON Polygon coordinates: [[[lon, lat], ...], ...hole rings]. */
export type PolygonRings = number[][][];

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** A point this close to a boundary (metres) counts as on it: the boundary belongs to the polygon. */
const ON_BOUNDARY_M = 1e-6;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = wrapLon(b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A longitude difference brought into [-180, 180). */
function wrapLon(d: number): number {
  return ((((d + 180) % 360) + 360) % 360) - 180;
}

/** The local plane around an origin: x east, y north, metres. */
class LocalPlane {
  private readonly kx: number;
  private readonly ky = EARTH_RADIUS_M * RAD;

  constructor(readonly origin: LatLon) {
    this.kx = EARTH_RADIUS_M * RAD * Math.cos(origin.lat * RAD);
  }

  x(lon: number): number {
    return wrapLon(lon - this.origin.lon) * this.kx;
  }

  y(lat: number): number {
    return (lat - this.origin.lat) * this.ky;
  }

  toLatLon(x: number, y: number): LatLon {
    const lat = Math.max(-90, Math.min(90, this.origin.lat + y / this.ky));
    const lon = this.kx === 0 ? this.origin.lon : wrapLon(this.origin.lon + x / this.kx);
    return { lat, lon };
  }
}

/** The nearest point of segment ab to the origin of the plane, and its distance. */
function nearestOnSegment(ax: number, ay: number, bx: number, by: number): { x: number; y: number; d: number } {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  const x = ax + t * dx;
  const y = ay + t * dy;
  return { x, y, d: Math.hypot(x, y) };
}

/** Even-odd crossing test of the plane's origin against one ring (already in plane coordinates). */
function originInRing(xs: number[], ys: number[]): boolean {
  let inside = false;
  for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
    const yi = ys[i]!;
    const yj = ys[j]!;
    if (yi > 0 !== yj > 0) {
      const xAtZero = xs[i]! + ((0 - yi) * (xs[j]! - xs[i]!)) / (yj - yi);
      if (xAtZero > 0) inside = !inside;
    }
  }
  return inside;
}

interface PlaneRing {
  xs: number[];
  ys: number[];
}

function ringsInPlane(plane: LocalPlane, polygon: PolygonRings): PlaneRing[] {
  return polygon.map((ring) => ({ xs: ring.map((pos) => plane.x(pos[0]!)), ys: ring.map((pos) => plane.y(pos[1]!)) }));
}

/** Distance from the plane's origin to the nearest point of any ring's edges, with that point. */
function nearestOnRings(rings: PlaneRing[]): { x: number; y: number; d: number } {
  let best = { x: 0, y: 0, d: Infinity };
  for (const { xs, ys } of rings) {
    for (let i = 1; i < xs.length; i++) {
      const n = nearestOnSegment(xs[i - 1]!, ys[i - 1]!, xs[i]!, ys[i]!);
      if (n.d < best.d) best = n;
    }
  }
  return best;
}

function originInPolygon(rings: PlaneRing[]): boolean {
  const [outer, ...holes] = rings;
  if (!outer) return false;
  if (nearestOnRings(rings).d <= ON_BOUNDARY_M) return true; // the boundary, holes' included, belongs to the polygon
  return originInRing(outer.xs, outer.ys) && !holes.some((h) => originInRing(h.xs, h.ys));
}

/** Inside the boundary and outside every hole; a point on the boundary is inside. */
export function pointInPolygon(p: LatLon, polygon: PolygonRings): boolean {
  return originInPolygon(ringsInPlane(new LocalPlane(p), polygon));
}

/** 0 inside the polygon, otherwise the distance in metres to its nearest boundary point (a hole's edge included). */
export function distanceToPolygonM(p: LatLon, polygon: PolygonRings): number {
  const rings = ringsInPlane(new LocalPlane(p), polygon);
  return originInPolygon(rings) ? 0 : nearestOnRings(rings).d;
}

/** The nearest point on the polygon's boundary (holes included) and its distance in metres. */
export function nearestBoundaryPoint(p: LatLon, polygon: PolygonRings): { point: LatLon; distance_m: number } {
  const plane = new LocalPlane(p);
  const n = nearestOnRings(ringsInPlane(plane, polygon));
  return { point: plane.toLatLon(n.x, n.y), distance_m: n.d };
}

/**
 * The point nearest to p that satisfies `allowed`, among p itself and, for every edge of the given polygons,
 * the point of the edge nearest to p moved `marginM` metres off the edge to either side. That finds the
 * nearest allowed point whenever it lies just past one boundary (the usual case: leave a zone, enter an
 * area); where only a corner where two boundaries cross would do, it finds the nearest such edge point
 * instead, or null when none is allowed.
 */
function nearestWhere(p: LatLon, polygons: PolygonRings[], allowed: (q: LatLon) => boolean, marginM: number): LatLon | null {
  if (allowed(p)) return p;
  const plane = new LocalPlane(p);
  let best: LatLon | null = null;
  let bestD = Infinity;
  for (const polygon of polygons) {
    for (const { xs, ys } of ringsInPlane(plane, polygon)) {
      for (let i = 1; i < xs.length; i++) {
        const n = nearestOnSegment(xs[i - 1]!, ys[i - 1]!, xs[i]!, ys[i]!);
        if (n.d - marginM >= bestD) continue;
        // Off the edge along p -> n (through it) and back; along the edge's normal when p lies on the edge.
        let ux = n.x;
        let uy = n.y;
        if (n.d < 1e-9) {
          ux = -(ys[i]! - ys[i - 1]!);
          uy = xs[i]! - xs[i - 1]!;
        }
        const len = Math.hypot(ux, uy) || 1;
        for (const side of [1, -1]) {
          const x = n.x + (side * marginM * ux) / len;
          const y = n.y + (side * marginM * uy) / len;
          const d = Math.hypot(x, y);
          if (d >= bestD) continue;
          const q = plane.toLatLon(x, y);
          if (allowed(q)) {
            best = q;
            bestD = d;
          }
        }
      }
    }
  }
  return best;
}

/** p when it is outside every zone, else the nearest point at least marginM outside them (null if none found). */
export function nearestPointOutside(p: LatLon, zones: PolygonRings[], marginM = 5): LatLon | null {
  return nearestWhere(p, zones, (q) => !zones.some((z) => pointInPolygon(q, z)), marginM);
}

/** p when it is inside an area, else the nearest point marginM inside one (null when there is no area). */
export function nearestPointInside(p: LatLon, areas: PolygonRings[], marginM = 5): LatLon | null {
  if (areas.length === 0) return null;
  return nearestWhere(p, areas, (q) => areas.some((a) => pointInPolygon(q, a)), marginM);
}

/**
 * The nearest point inside a service area (when there are any) and outside every no-fly zone: p itself when
 * it is already allowed; null when no such point is found.
 */
export function nearestAllowedPoint(p: LatLon, zones: { serviceAreas: PolygonRings[]; noFlyZones: PolygonRings[] }, marginM = 5): LatLon | null {
  const { serviceAreas, noFlyZones } = zones;
  const allowed = (q: LatLon) => (serviceAreas.length === 0 || serviceAreas.some((a) => pointInPolygon(q, a))) && !noFlyZones.some((z) => pointInPolygon(q, z));
  return nearestWhere(p, [...serviceAreas, ...noFlyZones], allowed, marginM);
}

/** Most rings a polygon may have, and positions a ring may have. */
export const MAX_POLYGON_RINGS = 50;
export const MAX_RING_POSITIONS = 10_000;

/** Signed area of a ring in square degrees (positive: counter-clockwise); enough to spot a degenerate ring. */
function ringArea(ring: number[][]): number {
  let a = 0;
  for (let i = 1; i < ring.length; i++) a += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  return a / 2;
}

/**
 * Why the value is not usable GeoJSON Polygon coordinates, or null when it is: 1 to 50 rings, each closed,
 * with 4 to 10,000 [lon, lat] positions in range, enclosing an area.
 */
export function polygonProblem(polygon: unknown): string | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return 'coordinates must be an array of rings ([[[lon, lat], ...]])';
  if (polygon.length > MAX_POLYGON_RINGS) return `a polygon may have at most ${MAX_POLYGON_RINGS} rings`;
  for (const [r, ring] of polygon.entries()) {
    if (!Array.isArray(ring) || ring.length < 4) return `ring ${r} must have at least 4 positions (a closed ring)`;
    if (ring.length > MAX_RING_POSITIONS) return `ring ${r} has more than ${MAX_RING_POSITIONS} positions`;
    for (const [i, pos] of ring.entries()) {
      if (!Array.isArray(pos) || pos.length < 2 || pos.length > 3 || pos.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        return `position ${i} of ring ${r} must be [lon, lat] numbers`;
      }
      if (Math.abs(pos[0] as number) > 180 || Math.abs(pos[1] as number) > 90) return `position ${i} of ring ${r} is out of range ([lon, lat] in degrees)`;
    }
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first[0] !== last[0] || first[1] !== last[1]) return `ring ${r} must end where it starts`;
    if (ringArea(ring as number[][]) === 0) return `ring ${r} encloses no area`;
  }
  return null;
}
