import { Link } from 'react-router';
import { OrderBoard } from '../../orders/components/OrderBoard';

export function MerchantOrdersPage() {
  return (
    <div>
      <p>
        <Link to="/merchant/orders/new" className="button">
          New order
        </Link>
      </p>
      <OrderBoard title="My orders" showMerchant={false} />
    </div>
  );
}
