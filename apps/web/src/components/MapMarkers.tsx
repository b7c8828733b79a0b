import L from 'leaflet';
import { useMemo, type ReactNode } from 'react';
import { Marker, Tooltip, type MarkerProps } from 'react-leaflet';

/** A lettered pin drawn in CSS (no image files, so nothing to fetch). */
export function PointMarker({ position, letter, kind, title, draggable, eventHandlers, children }: {
  position: [number, number];
  letter: string;
  kind: 'pickup' | 'dropoff' | 'start' | 'end' | 'home';
  title: string;
  draggable?: boolean;
  eventHandlers?: MarkerProps['eventHandlers'];
  children?: ReactNode;
}) {
  const icon = useMemo(
    () => L.divIcon({ className: `pin pin-${kind}`, html: `<span aria-hidden="true">${letter}</span>`, iconSize: [28, 28], iconAnchor: [14, 28] }),
    [kind, letter],
  );
  return (
    <Marker position={position} icon={icon} title={title} alt={title} keyboard draggable={draggable} eventHandlers={eventHandlers}>
      <Tooltip>{title}</Tooltip>
      {children}
    </Marker>
  );
}

/** A drone as an arrow along its heading (a dot when it reports none). */
export function DroneMarker({ position, headingDeg, title }: { position: [number, number]; headingDeg: number | null; title: string }) {
  const icon = useMemo(
    () =>
      L.divIcon({
        className: 'drone-icon',
        html: headingDeg === null ? '<span class="drone-dot"></span>' : `<span class="drone-arrow" style="transform: rotate(${Math.round(headingDeg)}deg)"></span>`,
        iconSize: [26, 26],
        iconAnchor: [13, 13],
      }),
    [headingDeg],
  );
  return (
    <Marker position={position} icon={icon} title={title} alt={title}>
      <Tooltip>{title}</Tooltip>
    </Marker>
  );
}
