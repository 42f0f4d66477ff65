import { useQuery } from '@tanstack/react-query';
import { getRecommendations } from '../api/catalog';
import { ProductGrid } from './ProductCard';

/** "You may also like": hidden when the feature is off (404) or has nothing to show. */
export function Recommendations({ productId }: { productId: string }) {
  const { data } = useQuery({
    queryKey: ['recommendations', productId],
    queryFn: () => getRecommendations(productId),
    retry: false,
    staleTime: 300_000,
  });
  const items = data?.items?.filter((p) => p.id !== productId).slice(0, 4) ?? [];
  if (!items.length) return null;
  return (
    <section aria-labelledby="recs-heading" className="recommendations">
      <h2 id="recs-heading">You may also like</h2>
      <ProductGrid products={items} />
    </section>
  );
}
