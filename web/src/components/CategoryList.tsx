import { Link } from 'react-router-dom';
import type { Category } from '@shared/api/types';

/** The top-level categories as tiles, each with how many products it holds. */
export function CategoryList({ categories }: { categories: Category[] }) {
  const top = categories.filter((c) => !c.parentId);
  return (
    <ul className="category-list">
      {(top.length ? top : categories).map((c) => (
        <li key={c.id}>
          <Link to={`/categories/${c.slug}`} className="category-tile">
            <span className="category-tile__name">{c.name}</span>
            <span className="category-tile__count">{c.productCount} products</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
