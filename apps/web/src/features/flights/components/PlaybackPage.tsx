import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Polyline } from 'react-leaflet';
import { useDroneHistory } from '../../../api/hooks';
import { BaseMap } from '../../../components/BaseMap';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { DroneMarker } from '../../../components/MapMarkers';
import { fmtNumber, fmtTime, isoToLocalInput, localInputToIso } from '../../../utils/format';
import { positioned, sampleAt } from '../utils/playback';
import { DroneIdInput, droneIdProblem } from './DroneIdInput';

const SPEEDS = [1, 10, 60] as const;

/** A drone's stored telemetry replayed on the map between two times. */
export function PlaybackPage() {
  const [params, setParams] = useSearchParams();
  const drone = params.get('drone') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [form, setForm] = useState({ drone, from: from ? isoToLocalInput(from) : isoToLocalInput(new Date(Date.now() - 3_600_000)), to: to ? isoToLocalInput(to) : isoToLocalInput(new Date()) });
  const [problem, setProblem] = useState<string | null>(null);
  const history = useDroneHistory(drone, from, to, true);
  const points = useMemo(() => positioned(history.data?.points ?? []), [history.data]);
  const path = useMemo(() => points.map((p) => [p[1]!, p[2]!] as [number, number]), [points]);
  const start = points[0]?.[0] ?? 0;
  const end = points[points.length - 1]?.[0] ?? 0;
  const [atMs, setAtMs] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(10);
  const last = useRef<number | null>(null);

  useEffect(() => {
    setAtMs(start);
    setPlaying(false);
  }, [start]);

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    last.current = null;
    const step = (now: number) => {
      const dt = last.current === null ? 0 : now - last.current;
      last.current = now;
      setAtMs((t) => {
        const next = t + dt * speed;
        if (next >= end) {
          setPlaying(false);
          return end;
        }
        return next;
      });
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, end]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fromIso = localInputToIso(form.from);
    const toIso = localInputToIso(form.to);
    const p = droneIdProblem(form.drone.trim()) ?? (!fromIso || !toIso ? 'Choose both times' : Date.parse(fromIso) >= Date.parse(toIso) ? 'From must be before to' : null);
    setProblem(p);
    if (!p) setParams({ drone: form.drone.trim(), from: fromIso!, to: toIso! });
  };

  const sample = sampleAt(points, atMs);
  return (
    <div>
      <h1>Playback</h1>
      <form className="toolbar" onSubmit={submit} noValidate>
        <label htmlFor="playback-drone">Drone</label>
        <DroneIdInput id="playback-drone" value={form.drone} onChange={(v) => setForm((f) => ({ ...f, drone: v }))} />
        <label>
          From <input type="datetime-local" value={form.from} onChange={(e) => setForm((f) => ({ ...f, from: e.target.value }))} />
        </label>
        <label>
          To <input type="datetime-local" value={form.to} onChange={(e) => setForm((f) => ({ ...f, to: e.target.value }))} />
        </label>
        <button type="submit">Load</button>
        {problem ? <p className="field-error">{problem}</p> : null}
      </form>
      {!drone ? (
        <Empty>Choose a drone and a time window to replay.</Empty>
      ) : history.isPending ? (
        <Loading what="the drone's history" />
      ) : history.error ? (
        <ErrorMessage error={history.error} title="History" onRetry={() => void history.refetch()} />
      ) : points.length === 0 ? (
        <Empty>No stored position of {drone} in this window.</Empty>
      ) : (
        <>
          <div className="playback-controls">
            <button type="button" onClick={() => (atMs >= end ? (setAtMs(start), setPlaying(true)) : setPlaying((p) => !p))}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <label>
              Speed{' '}
              <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof SPEEDS)[number])}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
            <input type="range" min={start} max={end} step={100} value={atMs} onChange={(e) => setAtMs(Number(e.target.value))} aria-label="Playback position" />
            <span role="status">
              {fmtTime(new Date(sample?.atMs ?? start).toISOString())} · alt {fmtNumber(sample?.altM, 0, 'm')} · {fmtNumber(sample?.speedMps, 1, 'm/s')} · {fmtNumber(sample?.voltageV, 2, 'V')}
            </span>
          </div>
          <p className="note">
            {history.data.sample_count} samples stored, {points.length} shown.
          </p>
          <BaseMap className="flight-map" label="Playback map" bounds={path.length > 1 ? path : undefined} fitKey={`${drone}:${from}:${to}:${path.length}`} center={path[0]}>
            <Polyline positions={path} pathOptions={{ color: '#90a4ae', weight: 3 }} />
            {sample ? <DroneMarker position={[sample.lat, sample.lon]} headingDeg={sample.headingDeg} title={`${drone} at ${fmtTime(new Date(sample.atMs).toISOString())}`} /> : null}
          </BaseMap>
        </>
      )}
    </div>
  );
}
