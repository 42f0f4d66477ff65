import { useState } from 'react';

/** Cursor pagination state for previous/next navigation; reset when the filters change. */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const page = stack.length - 1;
  return {
    cursor: stack[page],
    page,
    next: (cursor: string | null | undefined) => cursor && setStack((s) => [...s, cursor]),
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([null]),
  };
}
