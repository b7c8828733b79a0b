import { CreateOrderDto, type Priority } from '@wingxtra/contracts';
import { localInputToIso } from '../../../utils/format';
import { validateDto } from '../../../utils/validate';

/** The create-order form as typed (strings), before it becomes a CreateOrderDto. */
export interface OrderForm {
  pickupLat: string;
  pickupLng: string;
  dropoffLat: string;
  dropoffLng: string;
  /** From the browser's geolocation: the fix's accuracy and time, sent with the dropoff it describes. */
  dropoffAccuracyM: number | null;
  dropoffCapturedAt: string | null;
  payloadWeightKg: string;
  payloadType: string;
  priority: Priority;
  customerName: string;
  customerPhone: string;
  /** datetime-local value, or '' for as soon as possible. */
  scheduledFor: string;
}

export const EMPTY_ORDER_FORM: OrderForm = {
  pickupLat: '',
  pickupLng: '',
  dropoffLat: '',
  dropoffLng: '',
  dropoffAccuracyM: null,
  dropoffCapturedAt: null,
  payloadWeightKg: '',
  payloadType: '',
  priority: 'NORMAL',
  customerName: '',
  customerPhone: '',
  scheduledFor: '',
};

/** DTO field → form field, so each message lands beside its input. */
const FIELD_OF: Record<string, keyof OrderForm> = {
  pickup_lat: 'pickupLat',
  pickup_lng: 'pickupLng',
  dropoff_lat: 'dropoffLat',
  dropoff_lng: 'dropoffLng',
  dropoff_accuracy_m: 'dropoffAccuracyM',
  dropoff_captured_at: 'dropoffCapturedAt',
  payload_weight_kg: 'payloadWeightKg',
  payload_type: 'payloadType',
  priority: 'priority',
  customer_name: 'customerName',
  customer_phone: 'customerPhone',
  scheduled_for: 'scheduledFor',
};

const LABEL: Partial<Record<keyof OrderForm, string>> = {
  pickupLat: 'Pickup latitude',
  pickupLng: 'Pickup longitude',
  dropoffLat: 'Dropoff latitude',
  dropoffLng: 'Dropoff longitude',
  payloadWeightKg: 'Weight',
  payloadType: 'Payload',
};

function num(s: string): number | undefined | string {
  const t = s.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

export type OrderFormErrors = Partial<Record<keyof OrderForm, string>>;

/**
 * The form as CreateOrderDto, checked by the DTO's own rules (the ones delivery-service applies) plus what
 * only the form knows: a field left empty, a number that is not one, a schedule in the past.
 */
export function buildCreateOrder(form: OrderForm, nowMs = Date.now()): { order: CreateOrderDto | null; errors: OrderFormErrors } {
  const errors: OrderFormErrors = {};
  const required: Array<keyof OrderForm> = ['pickupLat', 'pickupLng', 'dropoffLat', 'dropoffLng', 'payloadWeightKg'];
  for (const f of required) {
    const v = num(form[f] as string);
    if (v === undefined) errors[f] = `${LABEL[f]} is required`;
    else if (typeof v === 'string') errors[f] = `${LABEL[f]} must be a number`;
  }
  if (form.payloadType.trim() === '') errors.payloadType = 'Say what is carried (for example "medicine")';
  const scheduledIso = form.scheduledFor ? localInputToIso(form.scheduledFor) : null;
  if (form.scheduledFor && !scheduledIso) errors.scheduledFor = 'Not a valid date and time';
  else if (scheduledIso && Date.parse(scheduledIso) <= nowMs) errors.scheduledFor = 'The delivery time must be in the future';

  const order: Record<string, unknown> = {
    pickup_lat: num(form.pickupLat),
    pickup_lng: num(form.pickupLng),
    dropoff_lat: num(form.dropoffLat),
    dropoff_lng: num(form.dropoffLng),
    payload_weight_kg: num(form.payloadWeightKg),
    payload_type: form.payloadType.trim(),
    priority: form.priority,
  };
  if (form.dropoffAccuracyM !== null) order.dropoff_accuracy_m = Math.round(form.dropoffAccuracyM * 10) / 10;
  if (form.dropoffCapturedAt) order.dropoff_captured_at = form.dropoffCapturedAt;
  if (form.customerName.trim()) order.customer_name = form.customerName.trim();
  if (form.customerPhone.trim()) order.customer_phone = form.customerPhone.trim();
  if (scheduledIso) order.scheduled_for = scheduledIso;

  for (const [field, message] of Object.entries(validateDto(CreateOrderDto, order))) {
    const f = FIELD_OF[field];
    if (f && !errors[f]) errors[f] = message;
  }
  return Object.keys(errors).length > 0 ? { order: null, errors } : { order: order as unknown as CreateOrderDto, errors };
}

/** A browser geolocation failure in words. */
export function geolocationProblem(err: { code: number; message?: string }): string {
  switch (err.code) {
    case 1:
      return 'Location permission was refused. Allow it, or pick the dropoff on the map.';
    case 2:
      return 'The device could not work out where it is. Try again outdoors, or pick the dropoff on the map.';
    case 3:
      return 'Finding the location took too long. Try again, or pick the dropoff on the map.';
    default:
      return `The location is not available${err.message ? `: ${err.message}` : ''}.`;
  }
}
