import { Link } from 'react-router-dom';
import type { Product } from '@shared/api/types';
import { Price } from './Price';
import { ProductImage } from './ProductImage';
import { StockBadge } from './StockBadge';

export function ProductCard({ product }: { product: Product }) {
  return (
    <article className="product-card" data-testid="product-card">
      <Link to={`/products/${product.slug}`} className="product-card__link">
        <ProductImage src={product.images[0]} alt={product.name} className="product-card__image" />
        <h3 className="product-card__name">{product.name}</h3>
      </Link>
      {product.brand && <p className="product-card__brand">{product.brand}</p>}
      <Price price={product.price} compareAt={product.compareAtPrice} />
      <StockBadge stock={product.stock} />
    </article>
  );
}

export function ProductGrid({ products }: { products: Product[] }) {
  return (
    <div className="product-grid">
      {products.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
    </div>
  );
}
