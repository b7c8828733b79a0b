import { PRIORITIES, type CreateOrderDto, type Priority } from '@wingxtra/contracts/client';
import { localInputToIso } from '../../../utils/format';
import { checkRules, isoInstant, latitude, longitude, number, oneOf, optional, text, type RuleSet } from '../../../utils/rules';

/** CreateOrderDto's PHONE_PATTERN (order.dto.ts, a decorator file the browser does not load). */
export const PHONE_PATTERN = /^\+?[0-9][0-9 -]{5,18}[0-9]$/;

/** CreateOrderDto's rules (packages/contracts/src/delivery/order.dto.ts), checked alike by dto-agreement.spec.ts. */
export const CREATE_ORDER_RULES: RuleSet = {
  customer_name: optional(text('Customer name', { min: 1, max: 120 })),
  customer_phone: optional(text('Phone', { pattern: PHONE_PATTERN, patternMessage: 'Phone must be a phone number such as +233201234567' })),
  pickup_lat: latitude('Pickup latitude'),
  pickup_lng: longitude('Pickup longitude'),
  dropoff_lat: latitude('Dropoff latitude'),
  dropoff_lng: longitude('Dropoff longitude'),
  dropoff_accuracy_m: optional(number('Location accuracy', { min: 0, max: 10_000, unit: 'm' })),
  dropoff_captured_at: optional(isoInstant('Location time')),
  payload_weight_kg: number('Weight', { min: 0.01, max: 1000, unit: 'kg' }),
  payload_type: text('Payload', { min: 1, max: 64 }),
  priority: optional(oneOf('Priority', PRIORITIES)),
  scheduled_for: optional(isoInstant('Delivery time')),
  merchant_id: optional(text('Merchant', { max: 64 })),
};

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
 * The form as CreateOrderDto, checked by the DTO's rules (the ones delivery-service applies) plus what
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

  for (const [field, message] of Object.entries(checkRules(CREATE_ORDER_RULES, order))) {
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
