import { useState } from 'react';

/** A product photo that degrades to a neutral placeholder when the image cannot load. */
export function ProductImage({ src, alt, className }: { src?: string; alt: string; className?: string }) {
  const [failed, setFailed] = useState(false);
  if (!src || failed) {
    return (
      <div className={`image-placeholder ${className ?? ''}`} role="img" aria-label={alt}>
        <span aria-hidden="true">{alt.slice(0, 1).toUpperCase()}</span>
      </div>
    );
  }
  return <img className={className} src={src} alt={alt} loading="lazy" onError={() => setFailed(true)} />;
}
