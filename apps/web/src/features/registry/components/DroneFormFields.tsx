import { useMemo } from 'react';
import { useMapEvents } from 'react-leaflet';
import { DRONE_TYPES, type DroneType } from '@wingxtra/contracts/client';
import { BaseMap } from '../../../components/BaseMap';
import { PointMarker } from '../../../components/MapMarkers';
import { DRONE_TYPE_LABELS, type DroneForm, type DroneFormErrors } from '../utils/drone-form';

function ClickToSet({ onPick }: { onPick(lat: number, lon: number): void }) {
  useMapEvents({ click: (e) => onPick(e.latlng.lat, e.latlng.lng) });
  return null;
}

const fix = (n: number) => n.toFixed(6);

function coords(lat: string, lon: string): [number, number] | null {
  const a = Number(lat);
  const b = Number(lon);
  return lat.trim() !== '' && lon.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180 ? [a, b] : null;
}

interface DroneFormFieldsProps {
  form: DroneForm;
  errors: DroneFormErrors;
  onChange(patch: Partial<DroneForm>): void;
  /** Editing: the drone id is fixed. */
  fixedId?: boolean;
}

/** The registered facts of a drone: id, name, type, payload, home (picked on the map or typed), notes. */
export function DroneFormFields({ form, errors, onChange, fixedId = false }: DroneFormFieldsProps) {
  const home = useMemo(() => coords(form.homeLat, form.homeLon), [form.homeLat, form.homeLon]);
  const field = (name: keyof DroneForm, label: string, input: React.ReactNode, hint?: string) => (
    <div className="field">
      <label htmlFor={`drone-${name}`}>{label}</label>
      {input}
      {hint ? <p className="note">{hint}</p> : null}
      {errors[name] ? (
        <p className="field-error" id={`drone-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  const input = (name: keyof DroneForm, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      id={`drone-${name}`}
      value={form[name]}
      onChange={(e) => onChange({ [name]: e.target.value } as Partial<DroneForm>)}
      aria-invalid={Boolean(errors[name])}
      aria-describedby={errors[name] ? `drone-${name}-error` : undefined}
      {...extra}
    />
  );

  return (
    <>
      <div className="row">
        {fixedId ? null : field('droneId', 'Drone ID', input('droneId', { placeholder: 'WX-DRN-001', autoCapitalize: 'characters', spellCheck: false, maxLength: 64 }), 'As the drone sends it in its telemetry (drone_id): capital letters, digits, - and _.')}
        {field('name', 'Name', input('name', { maxLength: 120 }))}
      </div>
      <div className="row">
        {field(
          'type',
          'Type',
          <select id="drone-type" value={form.type} onChange={(e) => onChange({ type: e.target.value as DroneType })}>
            {DRONE_TYPES.map((t) => (
              <option key={t} value={t}>
                {DRONE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>,
        )}
        {field('maxPayloadKg', 'Maximum payload (kg)', input('maxPayloadKg', { inputMode: 'decimal' }))}
      </div>
      <fieldset>
        <legend>Home (optional): click the map or type it</legend>
        <BaseMap className="pick-map" label="Pick the drone's home" center={home ?? undefined} zoom={13}>
          <ClickToSet onPick={(lat, lon) => onChange({ homeLat: fix(lat), homeLon: fix(lon) })} />
          {home ? (
            <PointMarker
              position={home}
              letter="H"
              kind="home"
              title="Home"
              draggable
              eventHandlers={{ dragend: (e) => { const ll = e.target.getLatLng(); onChange({ homeLat: fix(ll.lat), homeLon: fix(ll.lng) }); } }}
            />
          ) : null}
        </BaseMap>
        <div className="row">
          {field('homeLat', 'Home latitude', input('homeLat', { inputMode: 'decimal' }))}
          {field('homeLon', 'Home longitude', input('homeLon', { inputMode: 'decimal' }))}
        </div>
        {home ? (
          <button type="button" className="secondary" onClick={() => onChange({ homeLat: '', homeLon: '' })}>
            Clear home
          </button>
        ) : null}
      </fieldset>
      {field(
        'notes',
        'Notes (optional)',
        <textarea id="drone-notes" rows={3} maxLength={2000} value={form.notes} onChange={(e) => onChange({ notes: e.target.value })} aria-invalid={Boolean(errors.notes)} />,
      )}
    </>
  );
}
