import { describe, expect, it } from 'vitest';
import { draftFromForm, emptyProductForm, formFromProduct } from './productForm';
import type { Product } from '@shared/api/types';

const filled = {
  ...emptyProductForm,
  name: ' Trail Shoe ',
  brand: 'Acme',
  categoryId: 'cat1',
  price: '89.90',
  images: 'https://img/1.jpg\n\n https://img/2.jpg ',
  variants: [
    { sku: 'TS-40', name: '40', price: '', stock: '5' },
    { sku: 'TS-41', name: '41', price: '94.90', stock: '0' },
  ],
};

describe('product form', () => {
  it('builds the API body in minor units; a variant without a price takes the product’s', () => {
    const { draft, errors } = draftFromForm(filled);
    expect(errors).toEqual({});
    expect(draft).toMatchObject({
      name: 'Trail Shoe',
      categoryId: 'cat1',
      price: { amount: 8990, currency: 'USD' },
      compareAtPrice: null,
      images: ['https://img/1.jpg', 'https://img/2.jpg'],
      status: 'active',
    });
    expect(draft!.variants[0]).toEqual({ sku: 'TS-40', name: '40', stock: 5 });
    expect(draft!.variants[1]).toEqual({ sku: 'TS-41', name: '41', stock: 0, price: { amount: 9490, currency: 'USD' } });
  });

  it('reports every mistake under the API’s field names', () => {
    const { draft, errors } = draftFromForm({
      ...emptyProductForm,
      price: 'cheap',
      variants: [
        { sku: 'A', name: '', price: 'x', stock: '-1' },
        { sku: 'A', name: '', price: '', stock: '1.5' },
      ],
    });
    expect(draft).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual([
      'categoryId',
      'name',
      'price',
      'variants[0].price',
      'variants[0].stock',
      'variants[1].sku',
      'variants[1].stock',
    ]);
  });

  it('round-trips an existing product', () => {
    const product = {
      id: 'p1', slug: 'trail-shoe', name: 'Trail Shoe', description: 'd', brand: 'Acme',
      category: { id: 'cat1', slug: 'shoes', name: 'Shoes' },
      price: { amount: 8990, currency: 'USD' }, compareAtPrice: { amount: 9990, currency: 'USD' },
      images: ['a'], attributes: {}, status: 'active', stock: 5, rating: null, createdAt: '', updatedAt: '',
      variants: [{ id: 'v1', sku: 'TS-40', name: '40', price: { amount: 8990, currency: 'USD' }, stock: 5, attributes: {} }],
    } satisfies Product;
    const form = formFromProduct(product);
    expect(form).toMatchObject({ price: '89.90', compareAtPrice: '99.90', categoryId: 'cat1' });
    expect(form.variants[0]).toEqual({ id: 'v1', sku: 'TS-40', name: '40', price: '', stock: '5' });
    expect(draftFromForm(form).draft?.variants[0]).toMatchObject({ id: 'v1', sku: 'TS-40' });
  });
});
