import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import type { DroneDto } from '@wingxtra/contracts/client';
import { useAuth } from '../../../app/auth/AuthContext';
import { useDeactivateDrone, useDrone, useUpdateDrone } from '../../../api/registry-hooks';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtDateTime, fmtNumber, NONE } from '../../../utils/format';
import { buildUpdateDrone, droneToForm, DRONE_TYPE_LABELS, type DroneForm, type DroneFormErrors } from '../utils/drone-form';
import { droneStatusLabel } from '../utils/drone-status';
import { DroneEvents } from './DroneEvents';
import { DroneFormFields } from './DroneFormFields';
import { DroneKeys } from './DroneKeys';
import { HeartbeatPanel } from './HeartbeatPanel';

/** ADMIN: change the registered facts; only the fields that differ are sent. */
function EditDrone({ drone, onDone }: { drone: DroneDto; onDone(): void }) {
  const update = useUpdateDrone(drone.drone_id);
  const [form, setForm] = useState<DroneForm>(() => droneToForm(drone));
  const [errors, setErrors] = useState<DroneFormErrors>({});
  const [note, setNote] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const built = buildUpdateDrone(form, drone);
    setErrors(built.errors);
    if (!built.patch) return;
    if (Object.keys(built.patch).length === 0) setNote('Nothing changed.');
    else update.mutate(built.patch, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Edit ${drone.drone_id}`} className="panel">
      <h2>Edit {drone.drone_id}</h2>
      <DroneFormFields form={form} errors={errors} onChange={(patch) => { setNote(null); setForm((f) => ({ ...f, ...patch })); }} fixedId />
      {note ? <p className="note" role="status">{note}</p> : null}
      {update.error ? <ErrorMessage error={update.error} title="Not saved" /> : null}
      <div className="row">
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** ADMIN: maintenance on and off, deactivation and reactivation. */
function DroneActions({ drone, onEdit }: { drone: DroneDto; onEdit(): void }) {
  const update = useUpdateDrone(drone.drone_id);
  const deactivate = useDeactivateDrone(drone.drone_id);
  const id = drone.drone_id;
  return (
    <section className="drone-actions" aria-label="Actions">
      <div className="row">
        {drone.active ? (
          <>
            <button type="button" className="secondary" onClick={onEdit}>
              Edit
            </button>
            {drone.maintenance ? (
              <button type="button" onClick={() => update.mutate({ maintenance: false })} disabled={update.isPending}>
                {update.isPending ? 'Working…' : 'End maintenance'}
              </button>
            ) : (
              <ConfirmAction
                label="Start maintenance"
                question={`Put ${id} in maintenance? Dispatch skips it until maintenance ends; its keys keep working.`}
                confirmLabel={`Put ${id} in maintenance`}
                busy={update.isPending}
                onConfirm={() => update.mutate({ maintenance: true })}
              />
            )}
            <ConfirmAction
              label="Deactivate"
              danger
              question={`Deactivate ${id}? Every key is revoked at once and its open alerts are cleared; it stays on record and can be reactivated.`}
              confirmLabel={`Deactivate ${id}`}
              busy={deactivate.isPending}
              onConfirm={() => deactivate.mutate()}
            />
          </>
        ) : (
          <ConfirmAction
            label="Reactivate"
            question={`Reactivate ${id}? It has no key until you rotate one.`}
            confirmLabel={`Reactivate ${id}`}
            busy={update.isPending}
            onConfirm={() => update.mutate({ active: true })}
          />
        )}
      </div>
      {update.error ? <ErrorMessage error={update.error} title="Not changed" /> : null}
      {deactivate.error ? <ErrorMessage error={deactivate.error} title="Not deactivated" /> : null}
    </section>
  );
}

/** One registered drone: status and why, companion computer, keys (ADMIN), actions (ADMIN), events. */
export function DroneDetailPage() {
  const { droneId = '' } = useParams();
  const { session } = useAuth();
  const isAdmin = session?.role === 'ADMIN';
  const drone = useDrone(droneId);
  const [editing, setEditing] = useState(false);

  if (drone.isPending) return <Loading what={`drone ${droneId}`} />;
  if (drone.error) {
    return (
      <div>
        <p>
          <Link to="/admin/drones">← Drones</Link>
        </p>
        <ErrorMessage error={drone.error} title={`Drone ${droneId}`} onRetry={() => void drone.refetch()} />
      </div>
    );
  }
  const d = drone.data;
  const s = droneStatusLabel(d);
  return (
    <div className="drone-page">
      <p>
        <Link to="/admin/drones">← Drones</Link>
      </p>
      <div className="page-head">
        <h1>{d.drone_id}</h1>
        <span className={`badge ${s.className}`} data-testid="drone-status">
          {s.label}
        </span>
        <Link to={`/ops/map?drone=${encodeURIComponent(d.drone_id)}`}>Show on the map</Link>
      </div>
      <p className="subtitle">
        {d.name} · {DRONE_TYPE_LABELS[d.type] ?? d.type}
      </p>
      {d.status_reasons.length > 0 ? (
        <ul className="reasons status-reasons" aria-label="Why">
          {d.status_reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
      {isAdmin && !editing ? <DroneActions drone={d} onEdit={() => setEditing(true)} /> : null}
      {isAdmin && editing ? <EditDrone drone={d} onDone={() => setEditing(false)} /> : null}
      <div className="detail-grid">
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">Registered</h2>
          <dl className="fields">
            <dt>Status since</dt>
            <dd>{fmtDateTime(d.status_changed_at)}</dd>
            <dt>Maximum payload</dt>
            <dd>{fmtNumber(d.max_payload_kg, 2, 'kg')}</dd>
            <dt>Home</dt>
            <dd>{d.home ? `${d.home.lat.toFixed(6)}, ${d.home.lon.toFixed(6)}` : NONE}</dd>
            <dt>Maintenance</dt>
            <dd>{d.maintenance ? 'yes: not dispatched' : 'no'}</dd>
            <dt>Notes</dt>
            <dd className="pre">{d.notes || NONE}</dd>
            <dt>Registered</dt>
            <dd>{fmtDateTime(d.created_at)}</dd>
            <dt>Changed</dt>
            <dd>{fmtDateTime(d.updated_at)}</dd>
            {d.deactivated_at ? (
              <>
                <dt>Deactivated</dt>
                <dd>{fmtDateTime(d.deactivated_at)}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <HeartbeatPanel drone={d} />
      </div>
      {isAdmin ? <DroneKeys drone={d} /> : <p className="note">Keys are shown to ADMIN only.</p>}
      <DroneEvents droneId={d.drone_id} />
    </div>
  );
}
