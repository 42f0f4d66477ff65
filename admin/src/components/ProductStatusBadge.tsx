import type { Product } from '@shared/api/types';

export function ProductStatusBadge({ status }: { status: Product['status'] }) {
  return <span className={`status status--${status}`}>{status}</span>;
}
