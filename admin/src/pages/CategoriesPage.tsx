import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createCategory, deleteCategory, listCategories, updateCategory } from '../api/catalog';
import { isApiError } from '@shared/api/client';
import type { Category } from '@shared/api/types';
import { FormField } from '@shared/components/FormField';
import { ErrorMessage } from '@shared/components/ErrorMessage';
import { Loading } from '@shared/components/Loading';

function ParentSelect({ categories, value, onChange, exclude, id }: { categories: Category[]; value: string; onChange: (v: string) => void; exclude?: string; id: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>Parent</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">(top level)</option>
        {categories
          .filter((c) => c.id !== exclude)
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
      </select>
    </div>
  );
}

function CategoryForm({ categories, initial, onDone }: { categories: Category[]; initial?: Category; onDone: () => void }) {
  const [name, setName] = useState(initial?.name ?? '');
  const [slug, setSlug] = useState(initial?.slug ?? '');
  const [parentId, setParentId] = useState(initial?.parentId ?? '');
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => {
      const body = { name: name.trim(), ...(slug.trim() ? { slug: slug.trim() } : {}), parentId: parentId || null };
      return initial ? updateCategory(initial.id, body) : createCategory(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['categories'] });
      onDone();
    },
  });
  const fieldError = (f: string) => (isApiError(save.error) && save.error.field === f ? save.error.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) save.mutate();
  };
  const prefix = initial ? `edit-${initial.id}` : 'new-category';
  return (
    <form onSubmit={submit} className="inline-form" aria-label={initial ? `Edit ${initial.name}` : 'New category'}>
      <FormField id={`${prefix}-name`} label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError('name')} required />
      <FormField id={`${prefix}-slug`} label="Slug (optional)" value={slug} onChange={(e) => setSlug(e.target.value)} error={fieldError('slug')} />
      <ParentSelect id={`${prefix}-parent`} categories={categories} value={parentId} onChange={setParentId} exclude={initial?.id} />
      <button type="submit" className="button button--primary" disabled={save.isPending || !name.trim()}>
        {initial ? 'Save' : 'Add category'}
      </button>
      {initial && (
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      )}
      <ErrorMessage error={save.error} />
    </form>
  );
}

export function CategoriesPage() {
  const categories = useQuery({ queryKey: ['categories'], queryFn: listCategories });
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: deleteCategory,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['categories'] }),
  });
  if (categories.isPending) return <Loading />;
  if (categories.error) return <ErrorMessage error={categories.error} />;
  const items = categories.data.items;
  const nameOf = (id: string | null) => items.find((c) => c.id === id)?.name ?? '—';
  return (
    <div>
      <h1>Categories</h1>
      <CategoryForm categories={items} onDone={() => undefined} />
      <ErrorMessage error={remove.error} title="Not deleted." />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Slug</th>
            <th scope="col">Parent</th>
            <th scope="col">Products</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) =>
            editing === c.id ? (
              <tr key={c.id}>
                <td colSpan={5}>
                  <CategoryForm categories={items} initial={c} onDone={() => setEditing(null)} />
                </td>
              </tr>
            ) : (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.slug}</td>
                <td>{c.parentId ? nameOf(c.parentId) : '—'}</td>
                <td>{c.productCount}</td>
                <td className="row">
                  <button type="button" className="link-button" onClick={() => setEditing(c.id)}>
                    Edit<span className="visually-hidden"> {c.name}</span>
                  </button>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      if (window.confirm(`Delete the category “${c.name}”?`)) remove.mutate(c.id);
                    }}
                  >
                    Delete<span className="visually-hidden"> {c.name}</span>
                  </button>
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
