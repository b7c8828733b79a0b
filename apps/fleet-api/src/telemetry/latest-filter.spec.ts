import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { BoundingBox, parseLatestFilter } from './latest-filter.js';

const BBOX_FORMAT = 'bbox must be four numbers: minLon,minLat,maxLon,maxLat';
const BBOX_RANGE = 'bbox longitudes must be within -180..180 and latitudes within -90..90';
const SINCE_FORMAT = 'since must be an RFC 3339 time, such as 2026-02-16T12:00:00Z';

/** The 400 answer's reason for query; fails the test when the query is accepted. */
function reasonFor(query: { bbox?: string; since?: string }): string {
  try {
    parseLatestFilter(query);
  } catch (err) {
    if (!(err instanceof BadRequestException)) throw err;
    expect(err.getStatus()).toBe(400);
    return err.message;
  }
  throw new Error('the query was accepted');
}

describe('parseLatestFilter', () => {
  it('filters nothing when neither bbox nor since is given', () => {
    expect(parseLatestFilter({})).toEqual({});
  });

  it('reads bbox as minLon,minLat,maxLon,maxLat', () => {
    const { bbox } = parseLatestFilter({ bbox: '-0.3,5.5,0.1,5.7' });

    expect(bbox).toEqual(new BoundingBox(-0.3, 5.5, 0.1, 5.7));
  });

  it('tolerates spaces around the numbers', () => {
    expect(parseLatestFilter({ bbox: ' -0.3, 5.5 ,0.1 , 5.7' }).bbox).toEqual(new BoundingBox(-0.3, 5.5, 0.1, 5.7));
  });

  it('accepts the whole world', () => {
    expect(parseLatestFilter({ bbox: '-180,-90,180,90' }).bbox).toEqual(new BoundingBox(-180, -90, 180, 90));
  });

  it.each(['-0.3,5.5,0.1', '-0.3,5.5,0.1,5.7,1', '', '-0.3,5.5,,5.7', '-0.3,5.5,0.1,5.7,'])('refuses bbox=%j: not four numbers', (bbox) => {
    expect(reasonFor({ bbox })).toBe(BBOX_FORMAT);
  });

  it.each(['west,5.5,0.1,5.7', '-0.3,5.5,0.1,NaN', '-0.3,5.5,0.1,Infinity', '-0.3;5.5;0.1;5.7'])('refuses bbox=%j: not numbers', (bbox) => {
    expect(reasonFor({ bbox })).toBe(BBOX_FORMAT);
  });

  it.each(['-180.1,0,10,10', '0,0,180.5,10', '0,-90.5,10,10', '0,0,10,91'])('refuses bbox=%s: out of range', (bbox) => {
    expect(reasonFor({ bbox })).toBe(BBOX_RANGE);
  });

  it('refuses a bbox whose minLat exceeds its maxLat', () => {
    expect(reasonFor({ bbox: '0,10,10,5' })).toBe('bbox minLat must not exceed maxLat');
  });

  it('accepts a bbox whose minLon exceeds its maxLon: it crosses the antimeridian', () => {
    expect(parseLatestFilter({ bbox: '170,-20,-170,-10' }).bbox).toEqual(new BoundingBox(170, -20, -170, -10));
  });

  it('reads since as an RFC 3339 time', () => {
    expect(parseLatestFilter({ since: '2026-02-16T12:00:00Z' })).toEqual({ sinceMs: Date.parse('2026-02-16T12:00:00Z') });
    expect(parseLatestFilter({ since: '2026-02-16T13:00:00.500+01:00' }).sinceMs).toBe(Date.parse('2026-02-16T12:00:00.500Z'));
  });

  it.each(['yesterday', '', '2026-02-16T25:00:00Z'])('refuses since=%j', (since) => {
    expect(reasonFor({ since })).toBe(SINCE_FORMAT);
  });

  it('reads bbox and since together', () => {
    expect(parseLatestFilter({ bbox: '0,0,1,1', since: '2026-02-16T12:00:00Z' })).toEqual({
      bbox: new BoundingBox(0, 0, 1, 1),
      sinceMs: Date.parse('2026-02-16T12:00:00Z'),
    });
  });
});

describe('BoundingBox', () => {
  const accra = new BoundingBox(-0.3, 5.5, 0.1, 5.7);

  it('contains a position inside it', () => {
    expect(accra.contains({ lat: 5.6, lon: -0.19 })).toBe(true);
  });

  it('contains positions on its edges and corners', () => {
    expect(accra.contains({ lat: 5.5, lon: -0.3 })).toBe(true);
    expect(accra.contains({ lat: 5.7, lon: 0.1 })).toBe(true);
    expect(accra.contains({ lat: 5.6, lon: 0.1 })).toBe(true);
  });

  it.each([
    { lat: 5.4999, lon: 0 },
    { lat: 5.7001, lon: 0 },
    { lat: 5.6, lon: -0.3001 },
    { lat: 5.6, lon: 0.1001 },
  ])('leaves out the position %j just outside it', (p) => {
    expect(accra.contains(p)).toBe(false);
  });

  it('leaves out a drone without a position', () => {
    expect(accra.contains(null)).toBe(false);
  });

  describe('crossing the antimeridian (minLon 170, maxLon -170)', () => {
    const fiji = new BoundingBox(170, -20, -170, -10);

    it.each([175, 180, -180, -175, 170, -170])('contains longitude %d', (lon) => {
      expect(fiji.contains({ lat: -15, lon })).toBe(true);
    });

    it.each([0, 169.9, -169.9, 90])('leaves out longitude %d', (lon) => {
      expect(fiji.contains({ lat: -15, lon })).toBe(false);
    });

    it('still checks the latitude', () => {
      expect(fiji.contains({ lat: -9, lon: 179 })).toBe(false);
      expect(fiji.contains({ lat: -21, lon: -179 })).toBe(false);
    });
  });
});
