import type { Money } from '@shared/api/types';
import { formatMoney } from '@shared/lib/money';

/** A price, with the struck-through "was" price when the product is on sale. */
export function Price({ price, compareAt }: { price: Money; compareAt?: Money | null }) {
  const onSale = compareAt && compareAt.amount > price.amount;
  return (
    <span className={`price${onSale ? ' price--sale' : ''}`}>
      <span className="price__now">{formatMoney(price)}</span>
      {onSale && (
        <>
          {' '}
          <s className="price__was" aria-label={`was ${formatMoney(compareAt)}`}>
            {formatMoney(compareAt)}
          </s>
        </>
      )}
    </span>
  );
}
