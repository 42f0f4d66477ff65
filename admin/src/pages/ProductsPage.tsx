import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { listProducts, type ProductQuery } from '../api/catalog';
import { formatMoney } from '@shared/lib/money';
import { useCursorPages } from '../lib/useCursorPages';
import { Pager } from '../components/Pager';
import { ProductStatusBadge } from '../components/ProductStatusBadge';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

export function ProductsPage() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<NonNullable<ProductQuery['status']>>('');
  const pages = useCursorPages();
  const products = useQuery({
    queryKey: ['products', q, status, pages.cursor],
    queryFn: () => listProducts({ q, status, cursor: pages.cursor }),
    placeholderData: keepPreviousData,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQ(text.trim());
    pages.reset();
  };

  return (
    <div>
      <div className="page-head">
        <h1>Products</h1>
        <Link className="button button--primary" to="/products/new">
          New product
        </Link>
      </div>
      <form className="toolbar" onSubmit={submit} role="search">
        <label>
          Search <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name, brand, SKU" />
        </label>
        <label>
          Status{' '}
          <select
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              pages.reset();
            }}
          >
            <option value="">All</option>
            <option value="active">Active</option>
            <option value="draft">Draft</option>
            <option value="archived">Archived</option>
          </select>
        </label>
        <button type="submit" className="button">
          Search
        </button>
      </form>
      {products.isPending ? (
        <Loading />
      ) : products.error ? (
        <ErrorMessage error={products.error} />
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Category</th>
                <th scope="col">Price</th>
                <th scope="col">Stock</th>
                <th scope="col">Variants</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {products.data.items.map((p) => (
                <tr key={p.id} data-testid="product-row">
                  <td>
                    <Link to={`/products/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.category?.name}</td>
                  <td>{formatMoney(p.price)}</td>
                  <td className={p.stock <= 0 ? 'text-danger' : undefined}>{p.stock}</td>
                  <td>{p.variants.length}</td>
                  <td>
                    <ProductStatusBadge status={p.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {products.data.items.length === 0 && (
            <p className="empty">{q || status ? 'No products match these filters.' : 'No products yet.'}</p>
          )}
          <Pager
            page={pages.page}
            total={products.data.total}
            hasNext={!!products.data.nextCursor}
            onPrev={pages.prev}
            onNext={() => pages.next(products.data.nextCursor)}
          />
        </>
      )}
    </div>
  );
}
