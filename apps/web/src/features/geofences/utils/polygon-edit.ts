import { polygonProblem, type GeoJsonPolygon } from '@wingxtra/contracts/client';

/** A vertex as Leaflet takes it: [lat, lon]. GeoJSON has them the other way round. */
export type Vertex = [number, number];

/**
 * A polygon being edited: the outer boundary as an open ring (the closing vertex is implied), and the holes of
 * the geofence it came from, kept as they were (the editor draws and edits the boundary only).
 */
export interface PolygonDraft {
  outline: Vertex[];
  holes: number[][][];
}

export const EMPTY_DRAFT: PolygonDraft = { outline: [], holes: [] };

/** Seven decimals: about a centimetre, as much as a click on a map means. */
const round = (n: number) => Math.round(n * 1e7) / 1e7;
const same = (a: Vertex, b: Vertex) => a[0] === b[0] && a[1] === b[1];

export function addVertex(d: PolygonDraft, v: Vertex): PolygonDraft {
  const last = d.outline[d.outline.length - 1];
  const p: Vertex = [round(v[0]), round(v[1])];
  return last && same(last, p) ? d : { ...d, outline: [...d.outline, p] };
}

/** Puts a vertex before position `index` (index = length appends). */
export function insertVertex(d: PolygonDraft, index: number, v: Vertex): PolygonDraft {
  const i = Math.max(0, Math.min(index, d.outline.length));
  return { ...d, outline: [...d.outline.slice(0, i), [round(v[0]), round(v[1])], ...d.outline.slice(i)] };
}

export function moveVertex(d: PolygonDraft, index: number, v: Vertex): PolygonDraft {
  if (index < 0 || index >= d.outline.length) return d;
  return { ...d, outline: d.outline.map((p, i) => (i === index ? [round(v[0]), round(v[1])] : p)) };
}

export function removeVertex(d: PolygonDraft, index: number): PolygonDraft {
  if (index < 0 || index >= d.outline.length) return d;
  return { ...d, outline: d.outline.filter((_, i) => i !== index) };
}

/**
 * The middle of each edge, where a handle inserts a new vertex: `index` is where insertVertex puts it. With three
 * or more vertices the closing edge (last to first) has one too.
 */
export function edgeMidpoints(d: PolygonDraft): Array<{ index: number; at: Vertex }> {
  const v = d.outline;
  const edges = v.length >= 3 ? v.length : v.length - 1;
  const out: Array<{ index: number; at: Vertex }> = [];
  for (let i = 0; i < edges; i++) {
    const a = v[i]!;
    const b = v[(i + 1) % v.length]!;
    out.push({ index: i + 1, at: [round((a[0] + b[0]) / 2), round((a[1] + b[1]) / 2)] });
  }
  return out;
}

/** The draft as a GeoJSON Polygon: [lon, lat] positions, the boundary closed, the holes as they were. */
export function draftToGeometry(d: PolygonDraft): GeoJsonPolygon {
  const ring = d.outline.map(([lat, lon]) => [lon, lat]);
  if (ring.length > 0) ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring, ...d.holes] };
}

/** A geofence's polygon as a draft: the boundary without its closing position, the holes untouched. */
export function geometryToDraft(g: Pick<GeoJsonPolygon, 'coordinates'>): PolygonDraft {
  const [outer = [], ...holes] = g.coordinates;
  const outline = outer.map(([lon, lat]) => [lat, lon] as Vertex);
  if (outline.length > 1 && same(outline[0]!, outline[outline.length - 1]!)) outline.pop();
  return { outline, holes };
}

/** Whether segments ab and cd cross (touching at a shared end does not count). */
function segmentsCross(a: Vertex, b: Vertex, c: Vertex, d: Vertex): boolean {
  const orient = (p: Vertex, q: Vertex, r: Vertex) => Math.sign((q[1] - p[1]) * (r[0] - p[0]) - (q[0] - p[0]) * (r[1] - p[1]));
  const onSegment = (p: Vertex, q: Vertex, r: Vertex) =>
    Math.min(p[0], r[0]) <= q[0] && q[0] <= Math.max(p[0], r[0]) && Math.min(p[1], r[1]) <= q[1] && q[1] <= Math.max(p[1], r[1]);
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, c, b)) || (o2 === 0 && onSegment(a, d, b)) || (o3 === 0 && onSegment(c, a, d)) || (o4 === 0 && onSegment(c, b, d));
}

/** The first pair of non-adjacent edges of the closed outline that cross, as edge indexes, or null. */
export function selfIntersection(outline: readonly Vertex[]): [number, number] | null {
  const n = outline.length;
  if (n < 4) return null;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a vertex; the first and last edges too.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsCross(outline[i]!, outline[(i + 1) % n]!, outline[j]!, outline[(j + 1) % n]!)) return [i, j];
    }
  }
  return null;
}

/**
 * Why the draft cannot be saved as a geofence, in words, or null: at least three distinct points, an outline
 * that does not cross itself, and then fleet-api's own polygon rule (the contracts' polygonProblem).
 */
export function draftProblem(d: PolygonDraft): string | null {
  const distinct = new Set(d.outline.map((v) => `${v[0]},${v[1]}`)).size;
  if (d.outline.length < 3 || distinct < 3) return `Draw at least 3 points on the map (${distinct} so far).`;
  const crossing = selfIntersection(d.outline);
  if (crossing) return `The outline crosses itself (edges ${crossing[0] + 1} and ${crossing[1] + 1}): move a point so that no edges cross.`;
  const problem = polygonProblem(draftToGeometry(d).coordinates);
  return problem ? `The polygon cannot be used: ${problem}.` : null;
}
