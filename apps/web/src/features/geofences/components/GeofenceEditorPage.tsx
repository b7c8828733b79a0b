import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { GEOFENCE_KINDS, type GeofenceDto, type GeofenceKind } from '@wingxtra/contracts/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useCreateGeofence, useDeleteGeofence, useGeofence, useGeofences, useUpdateGeofence } from '../../../api/registry-hooks';
import { BaseMap } from '../../../components/BaseMap';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtDateTime } from '../../../utils/format';
import { altitudeHelp, buildGeofence, EMPTY_GEOFENCE_FORM, geofencePatch, geofenceToForm, GEOFENCE_KIND_LABELS, type GeofenceForm, type GeofenceFormErrors } from '../utils/geofence-form';
import { EMPTY_DRAFT, geometryToDraft, type PolygonDraft } from '../utils/polygon-edit';
import { fencesBounds } from './GeofencesPage';
import { altitudeBand, GeofenceShapes } from './GeofenceShapes';
import { PolygonEditor } from './PolygonEditor';

/** A new geofence (`/admin/geofences/new`) or one that exists; OPS sees it, ADMIN edits and deletes it. */
export function GeofenceEditorPage() {
  const { geofenceId } = useParams();
  const isNew = geofenceId === undefined;
  const fence = useGeofence(geofenceId ?? '', !isNew);
  if (isNew) return <GeofenceEditor before={null} />;
  if (fence.isPending) return <Loading what="the geofence" />;
  if (fence.error) {
    return (
      <div>
        <p>
          <Link to="/admin/geofences">← Geofences</Link>
        </p>
        <ErrorMessage error={fence.error} title="Geofence" onRetry={() => void fence.refetch()} />
      </div>
    );
  }
  return <GeofenceEditor key={fence.data.id} before={fence.data} />;
}

function GeofenceEditor({ before }: { before: GeofenceDto | null }) {
  const { session } = useAuth();
  const canEdit = session?.role === 'ADMIN';
  const navigate = useNavigate();
  const others = useGeofences({ include_inactive: true });
  const create = useCreateGeofence();
  const update = useUpdateGeofence(before?.id ?? '');
  const remove = useDeleteGeofence(before?.id ?? '');
  const [form, setForm] = useState<GeofenceForm>(() => (before ? geofenceToForm(before) : EMPTY_GEOFENCE_FORM));
  const [draft, setDraft] = useState<PolygonDraft>(() => (before ? geometryToDraft(before.geometry) : EMPTY_DRAFT));
  const [errors, setErrors] = useState<GeofenceFormErrors>({});
  const [note, setNote] = useState<string | null>(null);
  const set = (patch: Partial<GeofenceForm>) => setForm((f) => ({ ...f, ...patch }));
  const otherFences = others.data?.items ?? [];
  // Fit the map once: to this fence, else to the others (where a new one usually goes).
  const bounds = useMemo(() => fencesBounds(before ? [before] : otherFences), [before, otherFences.length > 0]);
  const help = altitudeHelp(form.kind);
  useEffect(() => setNote(null), [form, draft]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildGeofence(form, draft);
    setErrors(built.errors);
    if (!built.fence) return;
    if (!before) {
      create.mutate(built.fence, { onSuccess: (saved) => navigate(`/admin/geofences/${saved.id}`, { replace: true }) });
      return;
    }
    const patch = geofencePatch(built.fence, before);
    if (Object.keys(patch).length === 0) setNote('Nothing changed.');
    else update.mutate(patch, { onSuccess: () => setNote('Saved.') });
  };

  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;
  return (
    <div className="geofence-page">
      <p>
        <Link to="/admin/geofences">← Geofences</Link>
      </p>
      <h1>{before ? before.name : 'Draw a geofence'}</h1>
      {before ? (
        <p className="subtitle">
          {GEOFENCE_KIND_LABELS[before.kind]}, {altitudeBand(before)}, {before.active ? 'active' : 'inactive'} · changed {fmtDateTime(before.updated_at)}
        </p>
      ) : null}
      <div className="split">
        <div>
          {canEdit ? <p className="note">Click the map to add points; drag a point to move it; the small handle on an edge adds a point there.</p> : null}
          <BaseMap className="geofence-map" label={canEdit ? 'Draw the geofence' : 'Geofence'} bounds={bounds} fitKey={bounds ? 'fit' : undefined}>
            <GeofenceShapes fences={otherFences.map((g) => ({ ...g, active: false }))} exceptId={before?.id} />
            {canEdit ? <PolygonEditor draft={draft} kind={form.kind} onChange={setDraft} /> : before ? <GeofenceShapes fences={[before]} /> : null}
          </BaseMap>
          {errors.geometry ? (
            <p className="field-error" role="alert">
              {errors.geometry}
            </p>
          ) : null}
          {draft.holes.length > 0 ? <p className="note">This polygon has {draft.holes.length} hole(s); they are kept as they are (only the outline is edited here).</p> : null}
        </div>
        {canEdit ? (
          <form onSubmit={submit} noValidate aria-label="Geofence">
            <div className="field">
              <label htmlFor="fence-name">Name</label>
              <input id="fence-name" value={form.name} maxLength={120} onChange={(e) => set({ name: e.target.value })} aria-invalid={Boolean(errors.name)} />
              {errors.name ? <p className="field-error">{errors.name}</p> : null}
            </div>
            <fieldset>
              <legend>Kind</legend>
              {GEOFENCE_KINDS.map((k) => (
                <label key={k} className="inline">
                  <input type="radio" name="fence-kind" checked={form.kind === k} onChange={() => set({ kind: k as GeofenceKind })} /> {GEOFENCE_KIND_LABELS[k]}
                </label>
              ))}
            </fieldset>
            <div className="row">
              <div className="field">
                <label htmlFor="fence-min">{help.min}</label>
                <input id="fence-min" inputMode="decimal" value={form.minAltM} onChange={(e) => set({ minAltM: e.target.value })} aria-invalid={Boolean(errors.minAltM)} />
                {errors.minAltM ? <p className="field-error">{errors.minAltM}</p> : null}
              </div>
              <div className="field">
                <label htmlFor="fence-max">{help.max}</label>
                <input id="fence-max" inputMode="decimal" value={form.maxAltM} onChange={(e) => set({ maxAltM: e.target.value })} aria-invalid={Boolean(errors.maxAltM)} />
                {errors.maxAltM ? <p className="field-error">{errors.maxAltM}</p> : null}
              </div>
            </div>
            <label className="inline">
              <input type="checkbox" checked={form.active} onChange={(e) => set({ active: e.target.checked })} /> Active (enforced)
            </label>
            {note ? (
              <p className="note" role="status">
                {note}
              </p>
            ) : null}
            {saveError ? <ErrorMessage error={saveError} title="Not saved" /> : null}
            <div className="row">
              <button type="submit" disabled={saving}>
                {saving ? 'Saving…' : before ? 'Save geofence' : 'Create geofence'}
              </button>
              {before ? (
                <ConfirmAction
                  label="Delete"
                  danger
                  busy={remove.isPending}
                  question={`Delete ${before.name}? Orders and alerts stop judging positions against it at once.`}
                  confirmLabel={`Delete ${before.name}`}
                  onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate('/admin/geofences', { replace: true }) })}
                />
              ) : null}
            </div>
            {remove.error ? <ErrorMessage error={remove.error} title="Not deleted" /> : null}
          </form>
        ) : null}
      </div>
    </div>
  );
}
