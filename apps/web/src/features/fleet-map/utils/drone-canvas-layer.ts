import L from 'leaflet';
import type { FleetStore } from './fleet-store';

export interface DroneCanvasOptions {
  offlineAfterS: number;
  onSelect(droneId: string): void;
  selected(): string | null;
}

export interface DrawResult {
  drawn: number;
  offline: number;
  ms: number;
}

const CELL = 16;
const HIT_RADIUS = 10;
const ONLINE_FILL = '#1565c0';
const OFFLINE_FILL = '#9e9e9e';
/** Sprite size in CSS pixels, and the heading resolution of the arrows. */
const SPRITE_CSS = 26;
const HEADING_STEP = 5;

/**
 * Every drone drawn on one canvas above the tiles: an arrow pointing along its heading (a dot when it reports
 * none), blue while online and grey once OFFLINE. One canvas instead of a DOM element per drone keeps a fleet
 * of 10,000 smooth. Clicks are matched to drones through a grid of the drawn positions.
 */
export class DroneCanvasLayer extends L.Layer {
  private map: L.Map | null = null;
  private canvas: HTMLCanvasElement | null = null;
  private frame = 0;
  private grid = new Map<number, number[]>();
  private xs = new Float32Array(0);
  private ys = new Float32Array(0);
  private ids: string[] = [];
  private readonly sprites = new Map<string, HTMLCanvasElement>();
  last: DrawResult = { drawn: 0, offline: 0, ms: 0 };

  constructor(
    private readonly store: FleetStore,
    private readonly opts: DroneCanvasOptions,
  ) {
    super();
  }

  override onAdd(map: L.Map): this {
    this.map = map;
    const canvas = document.createElement('canvas');
    canvas.className = 'drone-canvas';
    canvas.setAttribute('aria-hidden', 'true');
    map.getContainer().appendChild(canvas);
    this.canvas = canvas;
    map.on('move zoom viewreset resize zoomend moveend', this.schedule, this);
    map.on('click', this.onClick, this);
    map.on('mousemove', this.onMove, this);
    this.draw();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('move zoom viewreset resize zoomend moveend', this.schedule, this);
    map.off('click', this.onClick, this);
    map.off('mousemove', this.onMove, this);
    cancelAnimationFrame(this.frame);
    this.canvas?.remove();
    this.canvas = null;
    this.map = null;
    return this;
  }

  /** Redraw at the next frame (map movement). Data updates call draw() directly. */
  schedule(): void {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.draw());
  }

  draw(nowMs = Date.now()): DrawResult {
    const map = this.map;
    const canvas = this.canvas;
    if (!map || !canvas) return this.last;
    const t0 = performance.now();
    const size = map.getSize();
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(size.x * dpr) || canvas.height !== Math.round(size.y * dpr)) {
      canvas.width = Math.round(size.x * dpr);
      canvas.height = Math.round(size.y * dpr);
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return this.last;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);

    const n = this.store.size;
    if (this.xs.length < n) {
      this.xs = new Float32Array(n);
      this.ys = new Float32Array(n);
    }
    this.ids = [];
    this.grid = new Map();
    const selectedId = this.opts.selected();
    let selected: [number, number] | null = null;
    let drawn = 0;
    let offlineDrawn = 0;
    const half = SPRITE_CSS / 2;
    for (const e of this.store.entries()) {
      if (e.lat === null || e.lon === null) continue;
      const p = map.latLngToContainerPoint([e.lat, e.lon]);
      if (p.x < -HIT_RADIUS || p.y < -HIT_RADIUS || p.x > size.x + HIT_RADIUS || p.y > size.y + HIT_RADIUS) continue;
      const isOff = this.store.isOffline(e, this.opts.offlineAfterS, nowMs);
      // One pre-drawn sprite per colour and 5° of heading: copying a bitmap is far cheaper than a path per drone.
      ctx.drawImage(this.sprite(isOff ? OFFLINE_FILL : ONLINE_FILL, e.yawDeg, dpr), p.x - half, p.y - half, SPRITE_CSS, SPRITE_CSS);
      const i = this.ids.length;
      this.ids.push(e.id);
      this.xs[i] = p.x;
      this.ys[i] = p.y;
      const key = Math.floor(p.x / CELL) * 65536 + Math.floor(p.y / CELL);
      const cell = this.grid.get(key);
      if (cell) cell.push(i);
      else this.grid.set(key, [i]);
      if (e.id === selectedId) selected = [p.x, p.y];
      drawn++;
      if (isOff) offlineDrawn++;
    }
    if (selected) {
      ctx.beginPath();
      ctx.arc(selected[0], selected[1], 13, 0, Math.PI * 2);
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ff6f00';
      ctx.stroke();
    }
    this.last = { drawn, offline: offlineDrawn, ms: performance.now() - t0 };
    // What is on the canvas, for people and tests reading the DOM (the canvas itself has no text).
    const frame = map.getContainer();
    frame.dataset.dronesDrawn = String(drawn);
    frame.dataset.dronesOffline = String(offlineDrawn);
    return this.last;
  }

  /** The arrow (or dot, without a heading) in a colour, drawn once at this pixel ratio and kept. */
  private sprite(fill: string, yawDeg: number | null, dpr: number): HTMLCanvasElement {
    const bucket = yawDeg === null ? -1 : Math.round((((yawDeg % 360) + 360) % 360) / HEADING_STEP) % (360 / HEADING_STEP);
    const key = `${fill}|${bucket}|${dpr}`;
    let c = this.sprites.get(key);
    if (c) return c;
    c = document.createElement('canvas');
    c.width = c.height = Math.ceil(SPRITE_CSS * dpr);
    const g = c.getContext('2d')!;
    g.scale(dpr, dpr);
    g.translate(SPRITE_CSS / 2, SPRITE_CSS / 2);
    g.beginPath();
    if (bucket < 0) {
      g.arc(0, 0, 5, 0, Math.PI * 2);
    } else {
      g.rotate((bucket * HEADING_STEP * Math.PI) / 180);
      g.moveTo(0, -11);
      g.lineTo(6, 6);
      g.lineTo(0, 2);
      g.lineTo(-6, 6);
      g.closePath();
    }
    g.fillStyle = fill;
    g.fill();
    g.lineWidth = 1.2;
    g.strokeStyle = '#ffffff';
    g.stroke();
    this.sprites.set(key, c);
    return c;
  }

  /** Moves the map to show every drone that reports a position; false when none does. */
  fitToDrones(): boolean {
    if (!this.map) return false;
    let minLat = 90, maxLat = -90, minLon = 180, maxLon = -180, any = false;
    for (const e of this.store.entries()) {
      if (e.lat === null || e.lon === null) continue;
      any = true;
      minLat = Math.min(minLat, e.lat);
      maxLat = Math.max(maxLat, e.lat);
      minLon = Math.min(minLon, e.lon);
      maxLon = Math.max(maxLon, e.lon);
    }
    if (any) this.map.fitBounds([[minLat, minLon], [maxLat, maxLon]], { padding: [30, 30], maxZoom: 15, animate: false });
    return any;
  }

  /** Centres the map on a drone (zooming in to at least street level); false when it reports no position. */
  focus(droneId: string): boolean {
    const e = this.store.get(droneId);
    if (!this.map || !e || e.lat === null || e.lon === null) return false;
    this.map.setView([e.lat, e.lon], Math.max(this.map.getZoom(), 15), { animate: false });
    return true;
  }

  /** The drone drawn nearest to a container point, within the hit radius. */
  hitTest(x: number, y: number): string | null {
    let best: string | null = null;
    let bestD = HIT_RADIUS * HIT_RADIUS;
    const cx = Math.floor(x / CELL);
    const cy = Math.floor(y / CELL);
    for (let gx = cx - 1; gx <= cx + 1; gx++) {
      for (let gy = cy - 1; gy <= cy + 1; gy++) {
        for (const i of this.grid.get(gx * 65536 + gy) ?? []) {
          const d = (this.xs[i]! - x) ** 2 + (this.ys[i]! - y) ** 2;
          if (d <= bestD) {
            bestD = d;
            best = this.ids[i]!;
          }
        }
      }
    }
    return best;
  }

  private onClick(e: L.LeafletMouseEvent): void {
    const id = this.hitTest(e.containerPoint.x, e.containerPoint.y);
    if (id) this.opts.onSelect(id);
  }

  private onMove(e: L.LeafletMouseEvent): void {
    const hit = this.hitTest(e.containerPoint.x, e.containerPoint.y) !== null;
    this.map?.getContainer().classList.toggle('over-drone', hit);
  }
}
