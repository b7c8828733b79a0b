import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useCreateOrder } from '../../../api/hooks';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorMessage } from '../../../components/Feedback';
import { trackingUrl } from '../../orders/utils/order-actions';
import { CreateOrderForm } from './CreateOrderForm';

/** A new order, then its tracking link and delivery code; "Create another" starts afresh with a new key. */
export function CreateOrderPage() {
  const [round, setRound] = useState(0);
  return <CreateOrderRound key={round} onAnother={() => setRound((r) => r + 1)} />;
}

function CreateOrderRound({ onAnother }: { onAnother(): void }) {
  const create = useCreateOrder();
  // One key per order being created: a retry after a lost answer returns the same order instead of a second.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  if (create.data) {
    const o = create.data;
    const link = trackingUrl(o.public_tracking_id);
    return (
      <div className="created-order" role="status">
        <h1>Order created</h1>
        <p>
          Status <strong>{o.status}</strong>. Tracking id <code data-testid="tracking-id">{o.public_tracking_id}</code>.
        </p>
        <p>
          Tracking link for the customer: <a href={link}>{link}</a> <CopyButton text={link} label="Copy tracking link" />
        </p>
        {o.otp ? (
          <p className="otp">
            Delivery code for the customer: <strong data-testid="otp">{o.otp}</strong>. It is shown only now: send it to the customer, who gives it at the door.
          </p>
        ) : (
          <p className="warning">The delivery code was shown when the order was first created and cannot be shown again.</p>
        )}
        <p>
          <Link to={`/orders/${o.id}`}>Open the order</Link> · <Link to="/merchant/orders">All my orders</Link> ·{' '}
          <button type="button" className="link" onClick={onAnother}>
            Create another
          </button>
        </p>
      </div>
    );
  }
  return (
    <div>
      <h1>New order</h1>
      <CreateOrderForm busy={create.isPending} onSubmit={(order) => create.mutate({ order, idempotencyKey })} />
      {create.error ? <ErrorMessage error={create.error} title="The order was not created" /> : null}
    </div>
  );
}
