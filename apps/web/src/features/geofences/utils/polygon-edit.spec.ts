import { describe, expect, it } from '@jest/globals';
import { addVertex, draftProblem, draftToGeometry, edgeMidpoints, EMPTY_DRAFT, geometryToDraft, insertVertex, moveVertex, removeVertex, selfIntersection, type PolygonDraft } from './polygon-edit';

const square: PolygonDraft = { outline: [[5.6, -0.2], [5.6, -0.1], [5.7, -0.1], [5.7, -0.2]], holes: [] };

describe('editing a polygon', () => {
  it('adds points at the end, ignoring a double click on the same spot, rounded to 7 decimals', () => {
    let d = addVertex(EMPTY_DRAFT, [5.600000012345, -0.2]);
    d = addVertex(d, [5.6, -0.2]);
    d = addVertex(d, [5.6, -0.1]);
    expect(d.outline).toEqual([[5.6, -0.2], [5.6, -0.1]]);
  });

  it('inserts, moves and removes points without touching the draft it was given', () => {
    const inserted = insertVertex(square, 1, [5.55, -0.15]);
    expect(inserted.outline).toEqual([[5.6, -0.2], [5.55, -0.15], [5.6, -0.1], [5.7, -0.1], [5.7, -0.2]]);
    expect(moveVertex(square, 2, [5.75, -0.05]).outline[2]).toEqual([5.75, -0.05]);
    expect(removeVertex(square, 0).outline).toEqual([[5.6, -0.1], [5.7, -0.1], [5.7, -0.2]]);
    expect(moveVertex(square, 9, [0, 0])).toBe(square);
    expect(square.outline).toHaveLength(4);
  });

  it('offers a handle in the middle of every edge, the closing edge included once there are three points', () => {
    expect(edgeMidpoints(square)).toEqual([
      { index: 1, at: [5.6, -0.15] },
      { index: 2, at: [5.65, -0.1] },
      { index: 3, at: [5.7, -0.15] },
      { index: 4, at: [5.65, -0.2] },
    ]);
    expect(edgeMidpoints({ outline: [[0, 0], [0, 2]], holes: [] })).toEqual([{ index: 1, at: [0, 1] }]);
    expect(edgeMidpoints(EMPTY_DRAFT)).toEqual([]);
  });
});

describe('the drawn polygon as GeoJSON', () => {
  it('writes [lon, lat] positions and closes the ring', () => {
    expect(draftToGeometry(square)).toEqual({ type: 'Polygon', coordinates: [[[-0.2, 5.6], [-0.1, 5.6], [-0.1, 5.7], [-0.2, 5.7], [-0.2, 5.6]]] });
  });

  it('reads a geofence back without its closing position and keeps its holes as they were', () => {
    const hole = [[-0.16, 5.64], [-0.14, 5.64], [-0.14, 5.66], [-0.16, 5.64]];
    const g = { coordinates: [[[-0.2, 5.6], [-0.1, 5.6], [-0.1, 5.7], [-0.2, 5.7], [-0.2, 5.6]], hole] };
    const d = geometryToDraft(g);
    expect(d).toEqual({ ...square, holes: [hole] });
    expect(draftToGeometry(d).coordinates).toEqual(g.coordinates);
  });
});

describe('what cannot be saved', () => {
  it('asks for at least three distinct points', () => {
    expect(draftProblem(EMPTY_DRAFT)).toBe('Draw at least 3 points on the map (0 so far).');
    expect(draftProblem({ outline: [[1, 1], [1, 2], [1, 1]], holes: [] })).toBe('Draw at least 3 points on the map (2 so far).');
  });

  it('refuses an outline that crosses itself, naming the edges', () => {
    const bowtie: PolygonDraft = { outline: [[0, 0], [0, 1], [1, 0], [1, 1]], holes: [] };
    expect(selfIntersection(bowtie.outline)).toEqual([1, 3]);
    expect(draftProblem(bowtie)).toBe('The outline crosses itself (edges 2 and 4): move a point so that no edges cross.');
    expect(selfIntersection(square.outline)).toBeNull();
  });

  it("refuses points in a line (no area), by fleet-api's own rule", () => {
    expect(draftProblem({ outline: [[0, 0], [0, 1], [0, 2]], holes: [] })).toBe('The polygon cannot be used: ring 0 encloses no area.');
  });

  it('accepts a square', () => {
    expect(draftProblem(square)).toBeNull();
  });
});
