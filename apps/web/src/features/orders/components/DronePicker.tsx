import { useState, type FormEvent } from 'react';
import { TELEMETRY_V1, type AssignOrderDto, type DroneEligibilityDto } from '@wingxtra/contracts/client';
import { Empty } from '../../../components/Feedback';
import { fmtDistance, fmtDuration, fmtNumber } from '../../../utils/format';
import { checkRules, text, type RuleSet } from '../../../utils/rules';

/** AssignOrderDto's rules (packages/contracts/src/delivery/dispatch.dto.ts), checked alike by dto-agreement.spec.ts. */
export const ASSIGN_ORDER_RULES: RuleSet = {
  drone_id: text('Drone', { pattern: new RegExp(TELEMETRY_V1.droneIdPattern), patternMessage: 'Choose a drone' }),
  reason: text('Reason', { min: 3, max: 500 }),
};

/** Eligible drones first, then the nearest (by time to pickup; unknown last). */
export function sortCandidates(items: readonly DroneEligibilityDto[]): DroneEligibilityDto[] {
  const t = (d: DroneEligibilityDto) => d.time_to_pickup_s ?? Number.POSITIVE_INFINITY;
  return [...items].sort((a, b) => Number(b.eligible) - Number(a.eligible) || t(a) - t(b) || a.drone_id.localeCompare(b.drone_id));
}

interface DronePickerProps {
  candidates: readonly DroneEligibilityDto[];
  busy: boolean;
  onAssign(body: AssignOrderDto): void;
}

/**
 * Manual assignment: every registered drone judged for the order, with why it is or is not eligible, and the
 * reason the operator gives (required, audited). An ineligible drone can still be chosen: offline or unknown
 * battery is the operator's call, and the service refuses what no operator may override.
 */
export function DronePicker({ candidates, busy, onAssign }: DronePickerProps) {
  const [droneId, setDroneId] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const sorted = sortCandidates(candidates);
  const chosen = sorted.find((c) => c.drone_id === droneId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { drone_id: droneId, reason: reason.trim() };
    const found = checkRules(ASSIGN_ORDER_RULES, body);
    if (!droneId) found.drone_id = 'Choose a drone';
    setErrors(found);
    if (Object.keys(found).length === 0) onAssign(body);
  };

  if (sorted.length === 0) return <Empty>No drone is registered for dispatch.</Empty>;
  return (
    <form className="drone-picker" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Drone</legend>
        <ul className="candidates">
          {sorted.map((c) => (
            <li key={c.drone_id} className={c.eligible ? 'eligible' : 'ineligible'} data-drone={c.drone_id}>
              <label>
                <input type="radio" name="drone" value={c.drone_id} checked={droneId === c.drone_id} onChange={() => setDroneId(c.drone_id)} />
                <strong>{c.drone_id}</strong> <span className={`badge ${c.eligible ? 'badge-online' : 'badge-offline'}`}>{c.eligible ? 'Eligible' : 'Not eligible'}</span>
              </label>
              <span className="candidate-figures">
                {fmtDistance(c.distance_to_pickup_m)} to pickup · {fmtDuration(c.time_to_pickup_s)} · battery {fmtNumber(c.battery_pct, 0, '%')}
                {c.required_battery_pct !== null ? ` (trip needs ${fmtNumber(c.required_battery_pct, 0, '%')})` : ''}
              </span>
              {c.reasons.length > 0 ? (
                <ul className="reasons">
                  {c.reasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
        {errors.drone_id ? <p className="field-error">{errors.drone_id}</p> : null}
      </fieldset>
      {chosen && !chosen.eligible ? (
        <p className="warning" role="note">
          {chosen.drone_id} is not eligible. You may still assign it where the reasons are yours to judge (offline, battery); the service refuses inactive, maintenance, busy or too-small drones.
        </p>
      ) : null}
      <label>
        Reason (recorded on the timeline)
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} aria-invalid={Boolean(errors.reason)} />
      </label>
      {errors.reason ? <p className="field-error">{errors.reason}</p> : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Assigning…' : droneId ? `Assign ${droneId}` : 'Assign'}
      </button>
    </form>
  );
}
