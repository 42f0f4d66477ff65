interface Props {
  shown: number;
  total: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}

/** Cursor pagination: how many are shown, and a button for the next page. */
export function LoadMore({ shown, total, hasMore, loading, onMore }: Props) {
  return (
    <div className="load-more">
      <p aria-live="polite">
        Showing {shown} of {total}
      </p>
      {hasMore && (
        <button type="button" className="button" onClick={onMore} disabled={loading}>
          {loading ? 'Loading…' : 'Show more'}
        </button>
      )}
    </div>
  );
}
