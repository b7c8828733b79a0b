import { useState, type FormEvent } from 'react';
import type { OrderDto, Role } from '@wingxtra/contracts/client';
import {
  useAssignOrder,
  useCancelOrder,
  useCandidates,
  useCreatePod,
  useRescheduleOrder,
  useRunDispatch,
  useSubmitMissionIntent,
} from '../../../api/hooks';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { isoToLocalInput, localInputToIso } from '../../../utils/format';
import { ACTION_LABELS, availableActions, type OrderAction } from '../utils/order-actions';
import { DronePicker } from './DronePicker';
import { PodForm } from './PodForm';

/** The actions the person's role may take on the order now, each in its own panel. */
export function OrderActions({ order, role }: { order: OrderDto; role: Role }) {
  const actions = availableActions(order.status, role);
  if (actions.length === 0) return <p className="empty">No action is open to you while the order is {order.status}.</p>;
  return (
    <div className="order-actions">
      {actions.map((a) => (
        <details key={a} className="action" data-action={a}>
          <summary>{ACTION_LABELS[a]}</summary>
          <ActionPanel action={a} order={order} role={role} />
        </details>
      ))}
    </div>
  );
}

function ActionPanel({ action, order, role }: { action: OrderAction; order: OrderDto; role: Role }) {
  switch (action) {
    case 'dispatch':
      return <DispatchPanel order={order} />;
    case 'assign':
      return <AssignPanel order={order} />;
    case 'submitIntent':
      return <SubmitIntentPanel order={order} />;
    case 'cancel':
      return <CancelPanel order={order} />;
    case 'reschedule':
      return <ReschedulePanel order={order} />;
    case 'pod':
      return <PodPanel order={order} role={role} />;
  }
}

function DispatchPanel({ order }: { order: OrderDto }) {
  const run = useRunDispatch(order.id);
  const decision = run.data?.decisions.find((d) => d.order_id === order.id);
  return (
    <div>
      <p>Runs dispatch now for every queued order (most urgent first); this order gets the nearest eligible drone if there is one.</p>
      <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
        {run.isPending ? 'Dispatching…' : 'Run dispatch'}
      </button>
      {run.data ? (
        <div role="status" className="result">
          {decision?.assigned
            ? `Assigned ${decision.drone_id}.`
            : decision
              ? `Not assigned: ${decision.reasons.join('; ') || 'no reason given'}.`
              : `This run assigned ${run.data.assigned} of ${run.data.orders_considered} orders; this one was not among those considered.`}
        </div>
      ) : null}
      {run.error ? <ErrorMessage error={run.error} title="Dispatch" /> : null}
    </div>
  );
}

function AssignPanel({ order }: { order: OrderDto }) {
  const candidates = useCandidates(order.id, true);
  const assign = useAssignOrder(order.id);
  if (candidates.isPending) return <Loading what="drones" />;
  if (candidates.error) return <ErrorMessage error={candidates.error} title="Drones for this order" onRetry={() => void candidates.refetch()} />;
  return (
    <div>
      {order.active_job ? <p>Now assigned to {order.active_job.drone_id}; assigning another releases it.</p> : null}
      <DronePicker candidates={candidates.data.items} busy={assign.isPending} onAssign={(body) => assign.mutate(body)} />
      {assign.isSuccess ? <p role="status" className="result">Assigned {assign.data.active_job?.drone_id}.</p> : null}
      {assign.error ? <ErrorMessage error={assign.error} title="Assignment" /> : null}
    </div>
  );
}

function SubmitIntentPanel({ order }: { order: OrderDto }) {
  const submit = useSubmitMissionIntent(order.id);
  return (
    <div>
      <p>Sends the mission intent for {order.active_job?.drone_id ?? 'the assigned drone'} to the GCS bridge. The order becomes MISSION_SUBMITTED once the bridge accepts it.</p>
      <button type="button" onClick={() => submit.mutate()} disabled={submit.isPending}>
        {submit.isPending ? 'Submitting…' : 'Submit mission intent'}
      </button>
      {submit.data ? (
        <p role="status" className="result">
          Intent {submit.data.intent_id} is {submit.data.status.toLowerCase()}: queued for the GCS bridge.
        </p>
      ) : null}
      {submit.error ? <ErrorMessage error={submit.error} title="Mission intent" /> : null}
    </div>
  );
}

function CancelPanel({ order }: { order: OrderDto }) {
  const cancel = useCancelOrder(order.id);
  const [reason, setReason] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    cancel.mutate(reason.trim() || undefined);
  };
  return (
    <form onSubmit={submit}>
      <label>
        Reason (optional)
        <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" className="danger" disabled={cancel.isPending}>
        {cancel.isPending ? 'Canceling…' : 'Cancel this order'}
      </button>
      {cancel.error ? <ErrorMessage error={cancel.error} title="Cancel" /> : null}
    </form>
  );
}

/** The reschedule form's problem, or null: the time must be given and lie ahead. */
export function rescheduleProblem(localValue: string, nowMs = Date.now()): string | null {
  const iso = localInputToIso(localValue);
  if (!iso) return 'Choose a date and time';
  if (Date.parse(iso) <= nowMs) return 'The new time must be in the future';
  return null;
}

function ReschedulePanel({ order }: { order: OrderDto }) {
  const reschedule = useRescheduleOrder(order.id);
  const [when, setWhen] = useState(isoToLocalInput(order.scheduled_for ?? new Date(Date.now() + 3_600_000)));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = rescheduleProblem(when);
    setProblem(p);
    if (!p) reschedule.mutate({ scheduled_for: localInputToIso(when)!, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <label>
        Deliver no earlier than
        <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} aria-invalid={Boolean(problem)} />
      </label>
      {problem ? <p className="field-error">{problem}</p> : null}
      <label>
        Reason (optional)
        <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" disabled={reschedule.isPending}>
        {reschedule.isPending ? 'Rescheduling…' : 'Reschedule'}
      </button>
      {reschedule.isSuccess ? <p role="status" className="result">Rescheduled; the order waits until then.</p> : null}
      {reschedule.error ? <ErrorMessage error={reschedule.error} title="Reschedule" /> : null}
    </form>
  );
}

function PodPanel({ order, role }: { order: OrderDto; role: Role }) {
  const pod = useCreatePod(order.id);
  return (
    <div>
      <PodForm role={role} busy={pod.isPending} onSubmit={(s) => pod.mutate(s)} />
      {pod.isSuccess ? <p role="status" className="result">Delivery recorded{pod.data.flagged ? ' (flagged for review: the drone was not at the dropoff)' : ''}.</p> : null}
      {pod.error ? <ErrorMessage error={pod.error} title="Proof of delivery" /> : null}
    </div>
  );
}
