import type { Product, ProductDraft } from '@shared/api/types';
import { parseMajorUnits, toMajorUnitsText } from '@shared/lib/money';

export interface VariantRow {
  id?: string;
  sku: string;
  name: string;
  price: string; // major units as typed; empty = the product's price
  stock: string;
}

export interface ProductForm {
  name: string;
  slug: string;
  description: string;
  brand: string;
  categoryId: string;
  currency: string;
  price: string;
  compareAtPrice: string;
  images: string; // one URL per line
  status: Product['status'];
  variants: VariantRow[];
}

export const emptyVariant: VariantRow = { sku: '', name: 'Default', price: '', stock: '0' };

export const emptyProductForm: ProductForm = {
  name: '',
  slug: '',
  description: '',
  brand: '',
  categoryId: '',
  currency: 'USD',
  price: '',
  compareAtPrice: '',
  images: '',
  status: 'active',
  variants: [{ ...emptyVariant }],
};

export function formFromProduct(p: Product): ProductForm {
  const c = p.price.currency;
  return {
    name: p.name,
    slug: p.slug,
    description: p.description,
    brand: p.brand,
    categoryId: p.category.id,
    currency: c,
    price: toMajorUnitsText(p.price.amount, c),
    compareAtPrice: p.compareAtPrice ? toMajorUnitsText(p.compareAtPrice.amount, c) : '',
    images: p.images.join('\n'),
    status: p.status,
    variants: p.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      name: v.name,
      price: v.price.amount === p.price.amount ? '' : toMajorUnitsText(v.price.amount, c),
      stock: String(v.stock),
    })),
  };
}

export type FormErrors = Record<string, string>;

/** Checks the form and builds the API body; errors are keyed like the API's fields. */
export function draftFromForm(f: ProductForm): { draft?: ProductDraft; errors: FormErrors } {
  const errors: FormErrors = {};
  if (!f.name.trim()) errors.name = 'Enter a name.';
  if (!f.categoryId) errors.categoryId = 'Choose a category.';
  const price = parseMajorUnits(f.price, f.currency);
  if (price === null) errors.price = 'Enter a price, like 19.99.';
  let compareAt: number | null = null;
  if (f.compareAtPrice.trim()) {
    compareAt = parseMajorUnits(f.compareAtPrice, f.currency);
    if (compareAt === null) errors.compareAtPrice = 'Enter a price, like 24.99, or leave it empty.';
  }
  if (!f.variants.length) errors.variants = 'A product needs at least one variant.';
  const skus = new Set<string>();
  const variants = f.variants.map((v, i) => {
    const path = `variants[${i}]`;
    if (!v.sku.trim()) errors[`${path}.sku`] = 'Enter a SKU.';
    else if (skus.has(v.sku.trim())) errors[`${path}.sku`] = 'SKUs must differ.';
    skus.add(v.sku.trim());
    const stock = Number(v.stock);
    if (!Number.isInteger(stock) || stock < 0) errors[`${path}.stock`] = 'Stock is a whole number, 0 or more.';
    let vPrice: number | null | undefined;
    if (v.price.trim()) {
      vPrice = parseMajorUnits(v.price, f.currency);
      if (vPrice === null) errors[`${path}.price`] = 'Enter a price or leave it empty.';
    }
    return {
      ...(v.id ? { id: v.id } : {}),
      sku: v.sku.trim(),
      name: v.name.trim() || 'Default',
      ...(typeof vPrice === 'number' ? { price: { amount: vPrice, currency: f.currency } } : {}),
      stock,
    };
  });
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    draft: {
      name: f.name.trim(),
      ...(f.slug.trim() ? { slug: f.slug.trim() } : {}),
      description: f.description.trim(),
      brand: f.brand.trim(),
      categoryId: f.categoryId,
      price: { amount: price!, currency: f.currency },
      compareAtPrice: compareAt !== null ? { amount: compareAt, currency: f.currency } : null,
      images: f.images
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean),
      status: f.status,
      variants,
    },
  };
}
