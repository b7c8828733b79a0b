import { useMemo, useState, type FormEvent } from 'react';
import { useMapEvents } from 'react-leaflet';
import { PRIORITIES, type CreateOrderDto, type Priority } from '@wingxtra/contracts/client';
import { BaseMap } from '../../../components/BaseMap';
import { PointMarker } from '../../../components/MapMarkers';
import { fmtTime } from '../../../utils/format';
import { buildCreateOrder, EMPTY_ORDER_FORM, geolocationProblem, type OrderForm, type OrderFormErrors } from '../utils/order-form';

type Target = 'pickup' | 'dropoff';

function ClickToSet({ onPick }: { onPick(lat: number, lng: number): void }) {
  useMapEvents({ click: (e) => onPick(e.latlng.lat, e.latlng.lng) });
  return null;
}

const fix = (n: number) => n.toFixed(6);

interface CreateOrderFormProps {
  busy: boolean;
  onSubmit(order: CreateOrderDto): void;
  /** Browser geolocation, replaceable in tests. */
  geolocation?: Geolocation | undefined;
}

/**
 * A new order: pickup and dropoff picked on the map (or typed), or the dropoff taken from this device's
 * location with its accuracy, then what is carried and for whom. Checked before sending by CreateOrderDto.
 */
export function CreateOrderForm({ busy, onSubmit, geolocation = typeof navigator !== 'undefined' ? navigator.geolocation : undefined }: CreateOrderFormProps) {
  const [form, setForm] = useState<OrderForm>(EMPTY_ORDER_FORM);
  const [errors, setErrors] = useState<OrderFormErrors>({});
  const [target, setTarget] = useState<Target>('pickup');
  const [locating, setLocating] = useState(false);
  const [locationNote, setLocationNote] = useState<string | null>(null);
  const set = (patch: Partial<OrderForm>) => setForm((f) => ({ ...f, ...patch }));
  // Typed or picked coordinates are not the device's fix: its accuracy and time no longer describe them.
  const setDropoff = (patch: Pick<OrderForm, 'dropoffLat'> | Pick<OrderForm, 'dropoffLng'> | Pick<OrderForm, 'dropoffLat' | 'dropoffLng'>) =>
    set({ ...patch, dropoffAccuracyM: null, dropoffCapturedAt: null });

  const pick = (lat: number, lng: number) => {
    if (target === 'pickup') {
      set({ pickupLat: fix(lat), pickupLng: fix(lng) });
      setTarget('dropoff');
    } else {
      setDropoff({ dropoffLat: fix(lat), dropoffLng: fix(lng) });
      setLocationNote(null);
    }
  };

  const locate = () => {
    if (!geolocation) {
      setLocationNote('This browser cannot share its location. Pick the dropoff on the map.');
      return;
    }
    setLocating(true);
    geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        set({
          dropoffLat: fix(p.coords.latitude),
          dropoffLng: fix(p.coords.longitude),
          dropoffAccuracyM: p.coords.accuracy,
          dropoffCapturedAt: new Date(p.timestamp).toISOString(),
        });
        setLocationNote(`Location captured at ${fmtTime(new Date(p.timestamp).toISOString())}, accurate to ±${Math.round(p.coords.accuracy)} m.`);
      },
      (err) => {
        setLocating(false);
        setLocationNote(geolocationProblem(err));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 0 },
    );
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildCreateOrder(form);
    setErrors(built.errors);
    if (built.order) onSubmit(built.order);
  };

  const pickup = useMemo(() => coords(form.pickupLat, form.pickupLng), [form.pickupLat, form.pickupLng]);
  const dropoff = useMemo(() => coords(form.dropoffLat, form.dropoffLng), [form.dropoffLat, form.dropoffLng]);

  const field = (name: keyof OrderForm, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`order-${name}`}>{label}</label>
      {input}
      {errors[name] ? (
        <p className="field-error" id={`order-${name}-error`}>
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  const text = (name: keyof OrderForm, extra: React.InputHTMLAttributes<HTMLInputElement> = {}, onChange?: (v: string) => void) => (
    <input
      id={`order-${name}`}
      value={(form[name] as string) ?? ''}
      onChange={(e) => (onChange ? onChange(e.target.value) : set({ [name]: e.target.value } as Partial<OrderForm>))}
      aria-invalid={Boolean(errors[name])}
      aria-describedby={errors[name] ? `order-${name}-error` : undefined}
      {...extra}
    />
  );

  return (
    <form className="create-order" onSubmit={submit} noValidate>
      <div className="create-order-map">
        <fieldset className="inline-group">
          <legend>Clicking the map sets</legend>
          <label className="inline">
            <input type="radio" name="target" checked={target === 'pickup'} onChange={() => setTarget('pickup')} /> pickup
          </label>
          <label className="inline">
            <input type="radio" name="target" checked={target === 'dropoff'} onChange={() => setTarget('dropoff')} /> dropoff
          </label>
        </fieldset>
        <BaseMap className="pick-map" label="Pick pickup and dropoff" center={pickup ?? dropoff ?? undefined} zoom={13}>
          <ClickToSet onPick={pick} />
          {pickup ? <PointMarker position={pickup} letter="P" kind="pickup" title="Pickup" draggable eventHandlers={{ dragend: (e) => { const ll = e.target.getLatLng(); set({ pickupLat: fix(ll.lat), pickupLng: fix(ll.lng) }); } }} /> : null}
          {dropoff ? <PointMarker position={dropoff} letter="D" kind="dropoff" title="Dropoff" draggable eventHandlers={{ dragend: (e) => { const ll = e.target.getLatLng(); setDropoff({ dropoffLat: fix(ll.lat), dropoffLng: fix(ll.lng) }); } }} /> : null}
        </BaseMap>
      </div>
      <fieldset>
        <legend>Pickup</legend>
        <div className="row">
          {field('pickupLat', 'Latitude', text('pickupLat', { inputMode: 'decimal' }))}
          {field('pickupLng', 'Longitude', text('pickupLng', { inputMode: 'decimal' }))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Dropoff</legend>
        <div className="row">
          {field('dropoffLat', 'Latitude', text('dropoffLat', { inputMode: 'decimal' }, (v) => setDropoff({ dropoffLat: v })))}
          {field('dropoffLng', 'Longitude', text('dropoffLng', { inputMode: 'decimal' }, (v) => setDropoff({ dropoffLng: v })))}
        </div>
        <button type="button" className="secondary" onClick={locate} disabled={locating}>
          {locating ? 'Finding location…' : "Use this device's location"}
        </button>
        {locationNote ? (
          <p className="note" role="status">
            {locationNote}
          </p>
        ) : null}
        {errors.dropoffAccuracyM ? <p className="field-error">{errors.dropoffAccuracyM}</p> : null}
      </fieldset>
      <fieldset>
        <legend>Parcel</legend>
        <div className="row">
          {field('payloadType', 'Payload', text('payloadType', { maxLength: 64, placeholder: 'medicine' }))}
          {field('payloadWeightKg', 'Weight (kg)', text('payloadWeightKg', { inputMode: 'decimal' }))}
          {field(
            'priority',
            'Priority',
            <select id="order-priority" value={form.priority} onChange={(e) => set({ priority: e.target.value as Priority })}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>,
          )}
        </div>
      </fieldset>
      <fieldset>
        <legend>Customer</legend>
        <div className="row">
          {field('customerName', 'Name (optional)', text('customerName', { maxLength: 120, autoComplete: 'off' }))}
          {field('customerPhone', 'Phone (optional)', text('customerPhone', { inputMode: 'tel', placeholder: '+233201234567' }))}
        </div>
      </fieldset>
      {field('scheduledFor', 'Deliver no earlier than (optional)', text('scheduledFor', { type: 'datetime-local' }))}
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create order'}
      </button>
    </form>
  );
}

function coords(lat: string, lng: string): [number, number] | null {
  const a = Number(lat);
  const b = Number(lng);
  return lat.trim() !== '' && lng.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180 ? [a, b] : null;
}
