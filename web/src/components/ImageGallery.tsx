import { useState } from 'react';
import { ProductImage } from './ProductImage';

export function ImageGallery({ images, name }: { images: string[]; name: string }) {
  const [index, setIndex] = useState(0);
  return (
    <div className="gallery">
      <ProductImage src={images[index]} alt={name} className="gallery__main" />
      {images.length > 1 && (
        <ul className="gallery__thumbs" aria-label="More photos">
          {images.map((src, i) => (
            <li key={src + i}>
              <button
                type="button"
                aria-label={`Photo ${i + 1} of ${images.length}`}
                aria-pressed={i === index}
                onClick={() => setIndex(i)}
              >
                <ProductImage src={src} alt="" className="gallery__thumb" />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
