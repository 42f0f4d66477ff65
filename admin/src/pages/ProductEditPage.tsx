import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { archiveProduct, createProduct, getProduct, listCategories, updateProduct } from '../api/catalog';
import { isApiError } from '@shared/api/client';
import type { Product } from '@shared/api/types';
import { draftFromForm, emptyProductForm, formFromProduct, type FormErrors, type ProductForm } from '../lib/productForm';
import { FormField } from '@shared/components/FormField';
import { VariantRowsEditor } from '../components/VariantRowsEditor';
import { ProductStatusBadge } from '../components/ProductStatusBadge';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { Loading } from '@shared/components/Loading';

function ProductEditor({ product }: { product: Product | null }) {
  const [form, setForm] = useState<ProductForm>(product ? formFromProduct(product) : emptyProductForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [saved, setSaved] = useState(false);
  const categories = useQuery({ queryKey: ['categories'], queryFn: listCategories });
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useEffect(() => {
    if (product) setForm(formFromProduct(product));
  }, [product]);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['product', product?.id] });
    void queryClient.invalidateQueries({ queryKey: ['products'] });
  };

  const save = useMutation({
    mutationFn: async (f: ProductForm) => {
      const { draft, errors: found } = draftFromForm(f);
      setErrors(found);
      if (!draft) throw new Error('Please correct the highlighted fields.');
      if (!product) return createProduct(draft);
      // Stock of existing variants is set on its own (reservations may be holding some).
      const variants = draft.variants.map((v) => (v.id ? { ...v, stock: undefined } : v)) as typeof draft.variants;
      return updateProduct(product.id, { ...draft, variants });
    },
    onSuccess: (p) => {
      setSaved(true);
      queryClient.setQueryData(['product', p.id], p);
      void queryClient.invalidateQueries({ queryKey: ['products'] });
      if (!product) navigate(`/products/${p.id}`, { replace: true });
    },
    onError: (e) => {
      if (isApiError(e) && e.field) setErrors({ [e.field]: e.message });
    },
  });

  const archive = useMutation({
    mutationFn: () => archiveProduct(product!.id),
    onSuccess: (p) => {
      queryClient.setQueryData(['product', p.id], p);
      void queryClient.invalidateQueries({ queryKey: ['products'] });
    },
  });

  const set = <K extends keyof ProductForm>(key: K, value: ProductForm[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [key]: value }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    save.mutate(form);
  };

  return (
    <form onSubmit={submit} noValidate className="product-editor">
      <ErrorMessage error={save.error} title="Not saved." />
      {saved && (
        <p className="alert alert--success" role="status">
          Saved.
        </p>
      )}
      <div className="grid-2">
        <FormField label="Name" name="name" value={form.name} error={errors.name} onChange={(e) => set('name', e.target.value)} required />
        <FormField label="Slug (optional)" name="slug" value={form.slug} error={errors.slug} onChange={(e) => set('slug', e.target.value)} hint="Made from the name when empty." />
        <FormField label="Brand" name="brand" value={form.brand} error={errors.brand} onChange={(e) => set('brand', e.target.value)} />
        <div className={`field${errors.categoryId ? ' field--error' : ''}`}>
          <label htmlFor="product-category">Category</label>
          <select id="product-category" name="categoryId" value={form.categoryId} onChange={(e) => set('categoryId', e.target.value)} aria-invalid={!!errors.categoryId || undefined}>
            <option value="">Choose…</option>
            {categories.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {errors.categoryId && <small className="field__error" role="alert">{errors.categoryId}</small>}
        </div>
        <FormField label={`Price (${form.currency})`} name="price" inputMode="decimal" value={form.price} error={errors.price} onChange={(e) => set('price', e.target.value)} required />
        <FormField label={`Compare-at price (${form.currency}, optional)`} name="compareAtPrice" inputMode="decimal" value={form.compareAtPrice} error={errors.compareAtPrice} onChange={(e) => set('compareAtPrice', e.target.value)} />
        <div className="field">
          <label htmlFor="product-status">Status</label>
          <select id="product-status" name="status" value={form.status} onChange={(e) => set('status', e.target.value as ProductForm['status'])}>
            <option value="active">Active (on sale)</option>
            <option value="draft">Draft (hidden)</option>
            <option value="archived">Archived</option>
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="product-description">Description</label>
        <textarea id="product-description" name="description" rows={4} value={form.description} onChange={(e) => set('description', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="product-images">Image URLs (one per line)</label>
        <textarea id="product-images" name="images" rows={3} value={form.images} onChange={(e) => set('images', e.target.value)} aria-invalid={!!errors.images || undefined} />
        {errors.images && <small className="field__error" role="alert">{errors.images}</small>}
      </div>
      <VariantRowsEditor rows={form.variants} onChange={(v) => set('variants', v)} errors={errors} currency={form.currency} onStockSaved={refresh} />
      <div className="row">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {product ? 'Save changes' : 'Create product'}
        </button>
        {product && product.status !== 'archived' && (
          <button
            type="button"
            className="button button--danger"
            disabled={archive.isPending}
            onClick={() => {
              if (window.confirm(`Archive “${product.name}”? It disappears from the storefront; orders keep it.`)) archive.mutate();
            }}
          >
            Archive
          </button>
        )}
      </div>
      <ErrorMessage error={archive.error} />
    </form>
  );
}

export function ProductEditPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const product = useQuery({ queryKey: ['product', id], queryFn: () => getProduct(id!), enabled: !isNew });
  return (
    <div>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/products">Products</Link> › <span aria-current="page">{isNew ? 'New' : product.data?.name ?? '…'}</span>
      </nav>
      <div className="page-head">
        <h1>{isNew ? 'New product' : product.data?.name ?? 'Product'}</h1>
        {product.data && <ProductStatusBadge status={product.data.status} />}
        {product.data?.status === 'active' && (
          <a href={`/products/${product.data.slug}`} target="_blank" rel="noreferrer">
            View in store
          </a>
        )}
      </div>
      {isNew ? (
        <ProductEditor product={null} />
      ) : product.isPending ? (
        <Loading />
      ) : product.error ? (
        <ErrorMessage error={product.error} />
      ) : (
        <ProductEditor product={product.data} />
      )}
    </div>
  );
}
