import { Link, useParams } from 'react-router';
import { useAuth } from '../../../app/auth/AuthContext';
import { useOrder, useOrderEvents } from '../../../api/hooks';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorMessage, Loading, StatusBadge } from '../../../components/Feedback';
import { errorStatus } from '../../../api/errors';
import { fmtDateTime, fmtDuration, fmtNumber, NONE } from '../../../utils/format';
import { trackingUrl } from '../utils/order-actions';
import { OrderActions } from './OrderActions';
import { OrderMap } from './OrderMap';
import { PodView } from './PodView';
import { Timeline } from './Timeline';

/** One order: its facts, a map, the timeline, and the actions open to the person's role. */
export function OrderDetailPage() {
  const { orderId = '' } = useParams();
  const { session } = useAuth();
  const order = useOrder(orderId);
  const events = useOrderEvents(orderId);
  if (order.isPending) return <Loading what="the order" />;
  if (order.error) {
    return errorStatus(order.error) === 404 ? (
      <div>
        <h1>Order not found</h1>
        <p>No order {orderId} is visible to you: it does not exist, or it belongs to another merchant.</p>
      </div>
    ) : (
      <ErrorMessage error={order.error} title="Order" onRetry={() => void order.refetch()} />
    );
  }
  const o = order.data;
  const back = session?.role === 'MERCHANT' ? '/merchant/orders' : '/ops/orders';
  const link = trackingUrl(o.public_tracking_id);
  return (
    <div className="order-detail">
      <p>
        <Link to={back}>← All orders</Link>
      </p>
      <header className="order-head">
        <h1>
          Order <code>{o.public_tracking_id}</code>
        </h1>
        <StatusBadge status={o.status} />
        <span className={`badge badge-priority-${o.priority.toLowerCase()}`}>{o.priority}</span>
      </header>
      <div className="order-grid">
        <section aria-label="Order facts">
          <dl className="fields">
            <dt>Tracking link</dt>
            <dd>
              <a href={link}>{link}</a> <CopyButton text={link} label="Copy tracking link" />
            </dd>
            <dt>Customer</dt>
            <dd>
              {o.customer_name ?? NONE} {o.customer_phone ? `· ${o.customer_phone}` : ''}
            </dd>
            <dt>Payload</dt>
            <dd>
              {o.payload_type}, {fmtNumber(o.payload_weight_kg, 2, 'kg')}
            </dd>
            <dt>Pickup</dt>
            <dd>
              {o.pickup_lat.toFixed(5)}, {o.pickup_lng.toFixed(5)}
            </dd>
            <dt>Dropoff</dt>
            <dd>
              {o.dropoff_lat.toFixed(5)}, {o.dropoff_lng.toFixed(5)}
              {o.dropoff_accuracy_m !== null ? ` (±${Math.round(o.dropoff_accuracy_m)} m)` : ''}
            </dd>
            <dt>Drone</dt>
            <dd>{o.active_job ? `${o.active_job.drone_id} (attempt ${o.active_job.attempt}, ETA ${fmtDuration(o.active_job.eta_seconds)})` : NONE}</dd>
            <dt>Scheduled for</dt>
            <dd>{fmtDateTime(o.scheduled_for)}</dd>
            <dt>Merchant</dt>
            <dd>{o.merchant_id ?? NONE}</dd>
            <dt>Created</dt>
            <dd>{fmtDateTime(o.created_at)}</dd>
            <dt>Updated</dt>
            <dd>{fmtDateTime(o.updated_at)}</dd>
          </dl>
          <PodView order={o} />
        </section>
        <OrderMap order={o} />
      </div>
      <section aria-label="Actions">
        <h2>Actions</h2>
        {session ? <OrderActions order={o} role={session.role} /> : null}
      </section>
      <section aria-label="Timeline">
        <h2>Timeline</h2>
        {events.isPending ? <Loading what="the timeline" /> : events.error ? <ErrorMessage error={events.error} title="Timeline" /> : <Timeline events={events.data} />}
      </section>
    </div>
  );
}
