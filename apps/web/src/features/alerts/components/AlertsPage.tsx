import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ALERT_RULES, ALERT_STATES, TELEMETRY_V1, type AlertRule, type AlertState } from '@wingxtra/contracts/client';
import { hasRole, useAuth } from '../../../app/auth/AuthContext';
import { OPS_ROLES } from '../../../app/navigation';
import { useAcknowledgeAlert, useAlerts } from '../../../api/registry-hooks';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { ALERT_POLL_MS, useAlertStream } from '../hooks/useAlertStream';
import { ALERT_RULE_LABELS, ALERT_STATE_LABELS, alertsView, type AlertFilter } from '../utils/alert-list';
import { AlertList } from './AlertList';
import { ALERT_FEED_LABEL } from './AlertsPanel';

const DRONE_ID = new RegExp(TELEMETRY_V1.droneIdPattern);

/** Every alert, live, filtered by state, rule and drone; older ones page by page. */
export function AlertsPage() {
  const { session } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? 'open') as AlertState | 'open' | 'all';
  const rule = (params.get('rule') ?? '') as AlertRule | '';
  const drone = params.get('drone') ?? '';
  const [droneInput, setDroneInput] = useState(drone);
  const [droneProblem, setDroneProblem] = useState<string | null>(null);

  const filter: AlertFilter = {};
  if (state !== 'all') filter.state = state;
  if (rule) filter.rule = rule;
  if (drone) filter.drone_id = drone;
  const stream = useAlertStream();
  const listed = useAlerts({ ...filter, limit: 100 }, stream.state === 'stream' ? false : ALERT_POLL_MS);
  const ack = useAcknowledgeAlert(stream.apply);
  const alerts = useMemo(() => alertsView(listed.data?.pages.flatMap((p) => p.items) ?? [], stream.streamed, filter), [listed.data, stream.streamed, state, rule, drone]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const submitDrone = (e: FormEvent) => {
    e.preventDefault();
    const id = droneInput.trim().toUpperCase();
    const problem = id && !DRONE_ID.test(id) ? 'A drone id is 3 to 64 capital letters, digits, - or _' : null;
    setDroneProblem(problem);
    if (!problem) setFilter('drone', id);
  };

  return (
    <div>
      <div className="page-head">
        <h1>Alerts</h1>
        <span className={`feed feed-${stream.state}`} role="status">
          {ALERT_FEED_LABEL[stream.state]}
        </span>
      </div>
      <form className="toolbar" onSubmit={submitDrone} role="search" aria-label="Filter alerts">
        <label>
          State{' '}
          <select value={state} onChange={(e) => setFilter('state', e.target.value === 'open' ? '' : e.target.value)}>
            <option value="open">open (active or acknowledged)</option>
            {ALERT_STATES.map((s) => (
              <option key={s} value={s}>
                {ALERT_STATE_LABELS[s].toLowerCase()}
              </option>
            ))}
            <option value="all">all</option>
          </select>
        </label>
        <label>
          Rule{' '}
          <select value={rule} onChange={(e) => setFilter('rule', e.target.value)}>
            <option value="">any</option>
            {ALERT_RULES.map((r) => (
              <option key={r} value={r}>
                {ALERT_RULE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Drone <input value={droneInput} onChange={(e) => setDroneInput(e.target.value)} placeholder="WX-DRN-001" maxLength={64} spellCheck={false} />
        </label>
        <button type="submit" className="secondary">
          Filter
        </button>
        {drone ? (
          <button type="button" className="secondary" onClick={() => { setDroneInput(''); setFilter('drone', ''); }}>
            Any drone
          </button>
        ) : null}
        {droneProblem ? <p className="field-error">{droneProblem}</p> : null}
      </form>
      {ack.error ? <ErrorMessage error={ack.error} title="Not acknowledged" /> : null}
      {listed.isPending ? (
        <Loading what="alerts" />
      ) : listed.error ? (
        <ErrorMessage error={listed.error} title="Alerts" onRetry={() => void listed.refetch()} />
      ) : (
        <AlertList
          alerts={alerts}
          canAcknowledge={hasRole(session, OPS_ROLES)}
          acknowledging={ack.isPending ? (ack.variables?.id ?? null) : null}
          onAcknowledge={(id) => ack.mutate({ id })}
          onFocusDrone={(id) => navigate(`/ops/map?drone=${encodeURIComponent(id)}`)}
          empty={state === 'open' && !rule && !drone ? 'No open alert: every drone is within its rules.' : 'No alert matches these filters.'}
        />
      )}
      {listed.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void listed.fetchNextPage()} disabled={listed.isFetchingNextPage}>
          {listed.isFetchingNextPage ? 'Loading…' : 'Older alerts'}
        </button>
      ) : null}
    </div>
  );
}
