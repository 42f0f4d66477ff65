/** Previous/next over cursor pages: the cursors already visited form a stack. */
export function Pager({
  page,
  hasNext,
  onPrev,
  onNext,
  total,
}: {
  page: number;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  total?: number;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button" onClick={onPrev} disabled={page === 0}>
        Previous
      </button>
      <span>
        Page {page + 1}
        {total !== undefined ? ` · ${total} in all` : ''}
      </span>
      <button type="button" className="button" onClick={onNext} disabled={!hasNext}>
        Next
      </button>
    </nav>
  );
}
