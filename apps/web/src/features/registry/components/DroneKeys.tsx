import { useState, type FormEvent } from 'react';
import type { DroneDto } from '@wingxtra/contracts/client';
import { useDroneKeys, useRevokeKey, useRotateKey } from '../../../api/registry-hooks';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { Empty, ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtDateTime, NONE } from '../../../utils/format';
import { graceSeconds } from '../utils/drone-form';
import { OneTimeKey } from './OneTimeKey';

/** Whether a key works, and until when, in words. */
function keyState(k: { valid: boolean; revoked_at: string | null; expires_at: string | null }): string {
  if (k.revoked_at) return `revoked ${fmtDateTime(k.revoked_at)}`;
  if (k.expires_at) return k.valid ? `replaced: works until ${fmtDateTime(k.expires_at)}` : `expired ${fmtDateTime(k.expires_at)}`;
  return 'current';
}

/** ADMIN: the drone's keys (never the keys themselves), rotation with a grace period, revocation. */
export function DroneKeys({ drone }: { drone: DroneDto }) {
  const keys = useDroneKeys(drone.drone_id, true);
  const rotate = useRotateKey(drone.drone_id);
  const revoke = useRevokeKey(drone.drone_id);
  const [graceHours, setGraceHours] = useState('24');
  const [graceError, setGraceError] = useState<string | null>(null);

  const submitRotate = (e: FormEvent) => {
    e.preventDefault();
    const g = graceSeconds(graceHours);
    setGraceError(g.error);
    if (!g.error) rotate.mutate(g.graceS);
  };

  const rotated = rotate.data;
  const items = keys.data?.items ?? [];
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      {rotated ? (
        <OneTimeKey
          droneId={drone.drone_id}
          apiKey={rotated.api_key}
          context={
            rotated.replaced.length > 0
              ? `New key ${rotated.key.prefix}…; the replaced key${rotated.replaced.length === 1 ? '' : 's'} (${rotated.replaced.map((k) => `${k.prefix}…`).join(', ')}) keep${rotated.replaced.length === 1 ? 's' : ''} working until ${fmtDateTime(rotated.replaced[0]!.expires_at)}.`
              : `New key ${rotated.key.prefix}…, the only one.`
          }
          onDone={() => rotate.reset()}
        />
      ) : null}
      {keys.isPending ? (
        <Loading what="keys" />
      ) : keys.error ? (
        <ErrorMessage error={keys.error} title="Keys" onRetry={() => void keys.refetch()} />
      ) : items.length === 0 ? (
        <Empty>This drone has no key. Rotate to issue one.</Empty>
      ) : (
        <div className="table-scroll">
          <table className="keys-table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Issued</th>
                <th scope="col">State</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {items.map((k) => (
                <tr key={k.id} data-key={k.id} className={k.valid ? 'valid' : 'invalid'}>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>{fmtDateTime(k.created_at)}</td>
                  <td>{keyState(k)}</td>
                  <td>
                    {k.valid ? (
                      <ConfirmAction
                        label="Revoke"
                        danger
                        busy={revoke.isPending && revoke.variables === k.id}
                        question={`Revoke key ${k.prefix}…? It is refused at once: a drone still sending it is cut off.`}
                        confirmLabel={`Revoke ${k.prefix}…`}
                        onConfirm={() => revoke.mutate(k.id)}
                      />
                    ) : (
                      NONE
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoke.error ? <ErrorMessage error={revoke.error} title="Not revoked" /> : null}
      {drone.active ? (
        <form className="toolbar rotate" onSubmit={submitRotate} noValidate aria-label="Rotate the key">
          <label htmlFor="grace-hours">Old keys keep working for (hours)</label>
          <input id="grace-hours" inputMode="decimal" value={graceHours} onChange={(e) => setGraceHours(e.target.value)} aria-invalid={Boolean(graceError)} size={6} />
          <button type="submit" disabled={rotate.isPending || rotated !== undefined}>
            {rotate.isPending ? 'Rotating…' : 'Rotate key'}
          </button>
          <span className="note">Empty: fleet-api's default (DRONE_KEY_GRACE_S). 0: the old keys stop at once.</span>
          {graceError ? <p className="field-error">{graceError}</p> : null}
        </form>
      ) : (
        <p className="note">A deactivated drone has no working key; reactivate it first, then rotate to issue one.</p>
      )}
      {rotate.error ? <ErrorMessage error={rotate.error} title="Not rotated" /> : null}
    </section>
  );
}
