import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { getProduct } from '../api/catalog';
import { track } from '../api/analytics';
import { ImageGallery } from '../components/ImageGallery';
import { VariantPicker } from '../components/VariantPicker';
import { AddToCartForm } from '../components/AddToCartForm';
import { Recommendations } from '../components/Recommendations';
import { Price } from '../components/Price';
import { StockBadge } from '../components/StockBadge';
import { Loading } from '@shared/components/Loading';
import { ErrorMessage } from '@shared/components/ErrorMessage';

function AttributesTable({ attributes }: { attributes: Record<string, unknown> }) {
  const entries = Object.entries(attributes ?? {}).filter(([, v]) => v !== null && typeof v !== 'object');
  if (!entries.length) return null;
  return (
    <table className="attributes">
      <caption>Details</caption>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{String(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProductPage() {
  const { slug = '' } = useParams();
  const { data: product, error, isPending } = useQuery({ queryKey: ['product', slug], queryFn: () => getProduct(slug) });
  const [variantId, setVariantId] = useState('');

  useEffect(() => {
    if (!product) return;
    track('product_view', { productId: product.id });
    const firstInStock = product.variants.find((v) => v.stock > 0) ?? product.variants[0];
    setVariantId(firstInStock?.id ?? '');
  }, [product]);

  if (isPending) return <Loading />;
  if (error) return <ErrorMessage error={error} title="We could not show this product." />;

  const variant = product.variants.find((v) => v.id === variantId) ?? product.variants[0];
  return (
    <div className="product-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Home</Link> › <Link to={`/categories/${product.category.slug}`}>{product.category.name}</Link> ›{' '}
        <span aria-current="page">{product.name}</span>
      </nav>
      <div className="product-page__main">
        <ImageGallery images={product.images} name={product.name} />
        <div className="product-page__info">
          <h1>{product.name}</h1>
          {product.brand && <p className="product-page__brand">by {product.brand}</p>}
          {product.rating !== null && (
            <p className="product-page__rating" aria-label={`Rated ${product.rating.toFixed(1)} out of 5`}>
              ★ {product.rating.toFixed(1)} / 5
            </p>
          )}
          <p className="product-page__price">
            <Price price={variant?.price ?? product.price} compareAt={product.compareAtPrice} />
          </p>
          <StockBadge stock={variant?.stock ?? product.stock} />
          <VariantPicker variants={product.variants} selectedId={variant?.id ?? ''} onSelect={setVariantId} />
          {product.status !== 'active' ? (
            <p className="alert">This product is no longer available.</p>
          ) : (
            <AddToCartForm key={variant?.id} productId={product.id} variant={variant} />
          )}
          <p className="product-page__sku">SKU {variant?.sku}</p>
        </div>
      </div>
      <section className="product-page__description" aria-labelledby="desc-heading">
        <h2 id="desc-heading">Description</h2>
        <p>{product.description}</p>
        <AttributesTable attributes={product.attributes} />
      </section>
      <Recommendations productId={product.id} />
    </div>
  );
}
