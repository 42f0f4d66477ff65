import type { Product } from '../api/types';

export function ProductStatusBadge({ status }: { status: Product['status'] }) {
  return <span className={`status status--${status}`}>{status}</span>;
}
