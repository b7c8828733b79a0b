import { useState } from 'react';
import { Link } from 'react-router';
import { ORDER_STATUSES, type OrderStatus } from '@wingxtra/contracts/client';
import { useOrders } from '../../../api/hooks';
import { CopyButton } from '../../../components/CopyButton';
import { Empty, ErrorMessage, Loading, StatusBadge } from '../../../components/Feedback';
import { fmtDateTime, fmtNumber, NONE } from '../../../utils/format';
import { trackingUrl } from '../utils/order-actions';

/** Orders newest first, filtered by status and search; merchants see only theirs (the service filters). */
export function OrderBoard({ title, showMerchant }: { title: string; showMerchant: boolean }) {
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const orders = useOrders({ ...(status ? { status } : {}), ...(search ? { q: search } : {}), limit: 50 });
  const items = orders.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="order-board">
      <h1>{title}</h1>
      <div className="status-filter" role="group" aria-label="Filter by status">
        {(['', ...ORDER_STATUSES] as const).map((s) => (
          <button key={s || 'all'} type="button" className={status === s ? 'chip active' : 'chip'} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {s ? s.replace(/_/g, ' ') : 'All'}
          </button>
        ))}
      </div>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label>
          Search <input value={q} maxLength={120} onChange={(e) => setQ(e.target.value)} placeholder="customer, phone, payload or tracking id" />
        </label>
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      {orders.isPending ? (
        <Loading what="orders" />
      ) : orders.error ? (
        <ErrorMessage error={orders.error} title="Orders" onRetry={() => void orders.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{status || search ? 'No order matches.' : 'No orders yet.'}</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Status</th>
                <th scope="col">Priority</th>
                <th scope="col">Payload</th>
                <th scope="col">Customer</th>
                <th scope="col">Drone</th>
                {showMerchant ? <th scope="col">Merchant</th> : null}
                <th scope="col">Created</th>
                <th scope="col">Tracking</th>
              </tr>
            </thead>
            <tbody>
              {items.map((o) => (
                <tr key={o.id} data-order={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`}>{o.public_tracking_id}</Link>
                  </td>
                  <td>
                    <StatusBadge status={o.status} />
                  </td>
                  <td>{o.priority}</td>
                  <td>
                    {o.payload_type} ({fmtNumber(o.payload_weight_kg, 2, 'kg')})
                  </td>
                  <td>{o.customer_name ?? NONE}</td>
                  <td>{o.active_job?.drone_id ?? NONE}</td>
                  {showMerchant ? <td>{o.merchant_id ?? NONE}</td> : null}
                  <td>{fmtDateTime(o.created_at)}</td>
                  <td>
                    <CopyButton text={trackingUrl(o.public_tracking_id)} label="Copy link" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {orders.hasNextPage ? (
        <button type="button" className="secondary" onClick={() => void orders.fetchNextPage()} disabled={orders.isFetchingNextPage}>
          {orders.isFetchingNextPage ? 'Loading…' : 'Older orders'}
        </button>
      ) : null}
    </div>
  );
}
