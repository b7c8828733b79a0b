import { useMemo, useState, type FormEvent } from 'react';
import { POD_METHODS, type PodMethod, type Role } from '@wingxtra/contracts/client';
import type { PodSubmission } from '../../../api/hooks';
import { checkRules, oneOf, optional, text, type RuleSet } from '../../../utils/rules';
import { SignaturePad } from './SignaturePad';

/** delivery-service's POD_MAX_FILE_BYTES default; a larger image is refused there with 413. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export const POD_METHOD_LABELS: Record<PodMethod, string> = {
  OTP: 'Customer code (OTP)',
  PHOTO: 'Photo',
  SIGNATURE: 'Signature',
  OPERATOR_CONFIRM: 'Operator confirmation',
};

export function podMethodsFor(role: Role): PodMethod[] {
  return role === 'OPS' || role === 'ADMIN' ? ['OTP', 'PHOTO', 'SIGNATURE', 'OPERATOR_CONFIRM'] : ['OTP', 'PHOTO', 'SIGNATURE'];
}

export interface PodDraft {
  method: PodMethod;
  otp: string;
  notes: string;
  photo: File | null;
  signature: Blob | null;
}

/** CreatePodDto's rules (packages/contracts/src/delivery/pod.dto.ts), checked alike by dto-agreement.spec.ts. */
export const CREATE_POD_RULES: RuleSet = {
  method: oneOf('Method', POD_METHODS),
  otp: optional(text('Code', { pattern: /^[0-9]{6}$/, patternMessage: 'The code has 6 digits' })),
  notes: optional(text('Notes', { max: 1000 })),
};

/** The draft's problems by field (empty when it can be sent); the JSON part by CreatePodDto's rules. */
export function validatePodDraft(d: PodDraft): Record<string, string> {
  const errors = checkRules(CREATE_POD_RULES, { method: d.method, ...(d.method === 'OTP' ? { otp: d.otp.trim() } : {}), ...(d.notes ? { notes: d.notes } : {}) });
  if (d.method === 'OTP' && d.otp.trim() === '') errors.otp = 'Enter the 6-digit code the customer received';
  if (d.method === 'PHOTO') {
    if (!d.photo) errors.file = 'Choose or take a photo';
    else if (!IMAGE_TYPES.includes(d.photo.type)) errors.file = 'The photo must be a JPEG, PNG or WebP image';
    else if (d.photo.size > MAX_IMAGE_BYTES) errors.file = `The photo is ${(d.photo.size / 1048576).toFixed(1)} MiB; at most 5 MiB is accepted`;
  }
  if (d.method === 'SIGNATURE' && !d.signature) errors.file = 'The recipient must sign in the box';
  return errors;
}

export function toPodSubmission(d: PodDraft, idempotencyKey: string): PodSubmission {
  const notes = d.notes.trim() || undefined;
  if (d.method === 'PHOTO') return { kind: 'image', method: 'PHOTO', image: d.photo!, fileName: d.photo!.name || 'photo.jpg', notes, idempotencyKey };
  if (d.method === 'SIGNATURE') return { kind: 'image', method: 'SIGNATURE', image: d.signature!, fileName: 'signature.png', notes, idempotencyKey };
  return { kind: 'json', pod: { method: d.method, ...(d.method === 'OTP' ? { otp: d.otp.trim() } : {}), ...(notes ? { notes } : {}) }, idempotencyKey };
}

interface PodFormProps {
  role: Role;
  busy: boolean;
  onSubmit(s: PodSubmission): void;
}

/** Proof of delivery: the customer's code, a photo, a signature, or (ops only) the operator's confirmation. */
export function PodForm({ role, busy, onSubmit }: PodFormProps) {
  const methods = podMethodsFor(role);
  const [draft, setDraft] = useState<PodDraft>({ method: methods[0]!, otp: '', notes: '', photo: null, signature: null });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // One key per proof being recorded: a retry after a lost answer is recognised, not recorded twice.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const preview = useMemo(() => (draft.photo ? URL.createObjectURL(draft.photo) : null), [draft.photo]);
  const set = (patch: Partial<PodDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validatePodDraft(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(toPodSubmission(draft, idempotencyKey));
  };

  return (
    <form className="pod-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Proof method</legend>
        {methods.map((m) => (
          <label key={m} className="inline">
            <input type="radio" name="pod-method" value={m} checked={draft.method === m} onChange={() => set({ method: m })} /> {POD_METHOD_LABELS[m]}
          </label>
        ))}
      </fieldset>
      {draft.method === 'OTP' ? (
        <label>
          Delivery code (6 digits)
          <input inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={draft.otp} onChange={(e) => set({ otp: e.target.value })} aria-invalid={Boolean(errors.otp)} />
        </label>
      ) : null}
      {errors.otp ? <p className="field-error">{errors.otp}</p> : null}
      {draft.method === 'PHOTO' ? (
        <label>
          Photo of the delivered parcel
          <input type="file" accept={IMAGE_TYPES.join(',')} capture="environment" onChange={(e) => set({ photo: e.target.files?.[0] ?? null })} aria-invalid={Boolean(errors.file)} />
        </label>
      ) : null}
      {draft.method === 'PHOTO' && preview ? <img className="pod-preview" src={preview} alt="The chosen proof photo" /> : null}
      {draft.method === 'SIGNATURE' ? <SignaturePad onChange={(b) => set({ signature: b })} /> : null}
      {errors.file ? <p className="field-error">{errors.file}</p> : null}
      {draft.method === 'OPERATOR_CONFIRM' ? <p>You confirm the delivery yourself; your user id is recorded with the proof.</p> : null}
      <label>
        Notes (optional)
        <textarea rows={2} maxLength={1000} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
      </label>
      {errors.notes ? <p className="field-error">{errors.notes}</p> : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Recording…' : 'Record delivery'}
      </button>
    </form>
  );
}
