import { useEffect, useState } from 'react';
import type { OrderDto } from '@wingxtra/contracts/client';
import { usePod, usePodImage } from '../../../api/hooks';
import { ErrorMessage, Loading } from '../../../components/Feedback';
import { fmtDateTime, fmtDistance } from '../../../utils/format';
import { POD_METHOD_LABELS } from './PodForm';

/** The recorded proof of delivery: method, who confirmed, where the drone was, and the photo or signature. */
export function PodView({ order }: { order: OrderDto }) {
  const pod = usePod(order.id, order.status === 'DELIVERED');
  const image = usePodImage(order.id, Boolean(pod.data?.photo_url));
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!image.data) return;
    const u = URL.createObjectURL(image.data);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [image.data]);
  if (order.status !== 'DELIVERED') return null;
  if (pod.isPending) return <Loading what="the proof of delivery" />;
  if (pod.error) return <ErrorMessage error={pod.error} title="Proof of delivery" />;
  const m = pod.data.metadata as { distance_to_dropoff_m?: number | null; notes?: string; flag_reason?: string };
  return (
    <section className="pod-view" aria-label="Proof of delivery">
      <h3>Proof of delivery</h3>
      <dl className="fields">
        <dt>Method</dt>
        <dd>{POD_METHOD_LABELS[pod.data.method]}</dd>
        <dt>Recorded</dt>
        <dd>{fmtDateTime(pod.data.created_at)}</dd>
        {pod.data.confirmed_by ? (
          <>
            <dt>Confirmed by</dt>
            <dd>{pod.data.confirmed_by}</dd>
          </>
        ) : null}
        <dt>Drone from dropoff</dt>
        <dd>{fmtDistance(m.distance_to_dropoff_m)}</dd>
        {m.notes ? (
          <>
            <dt>Notes</dt>
            <dd>{m.notes}</dd>
          </>
        ) : null}
      </dl>
      {pod.data.flagged ? <p className="warning">Flagged for review{m.flag_reason ? `: ${m.flag_reason}` : ''}.</p> : null}
      {url ? <img className="pod-preview" src={url} alt={`${POD_METHOD_LABELS[pod.data.method]} proof`} /> : null}
      {image.error ? <ErrorMessage error={image.error} title="Proof image" /> : null}
    </section>
  );
}
