import { useQuery } from '@tanstack/react-query';
import { listCategories, listProducts } from '../api/catalog';
import { CategoryList } from '../components/CategoryList';
import { ProductGrid } from '../components/ProductCard';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

function FeaturedProducts() {
  const { data, error, isPending } = useQuery({
    queryKey: ['products', 'featured'],
    queryFn: () => listProducts({ sort: 'popular', inStock: true }, null, 8),
  });
  if (isPending) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  return <ProductGrid products={data.items} />;
}

function NewArrivals() {
  const { data } = useQuery({
    queryKey: ['products', 'newest'],
    queryFn: () => listProducts({ sort: 'newest' }, null, 4),
  });
  if (!data?.items.length) return null;
  return (
    <section aria-labelledby="new-heading">
      <h2 id="new-heading">New arrivals</h2>
      <ProductGrid products={data.items} />
    </section>
  );
}

export function HomePage() {
  const categories = useQuery({ queryKey: ['categories'], queryFn: listCategories, staleTime: 300_000 });
  return (
    <div className="home">
      <section className="hero">
        <h1>Everything you need, delivered fast</h1>
        <p>Browse by category, search the whole catalog, and check out securely.</p>
      </section>
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">Shop by category</h2>
        {categories.isPending ? (
          <Loading />
        ) : categories.error ? (
          <ErrorMessage error={categories.error} />
        ) : (
          <CategoryList categories={categories.data.items} />
        )}
      </section>
      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading">Featured products</h2>
        <FeaturedProducts />
      </section>
      <NewArrivals />
    </div>
  );
}
