// How an app's Vite (and Vitest) config takes in this folder: `@shared/…` imports resolve
// here, and the packages these files import (React, Vitest, Testing Library) resolve from
// the app's own node_modules, so the folder needs no install of its own and both apps
// bundle one copy of React. Imported by web/vite.config.ts and admin/vite.config.ts.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const sharedDir = path.dirname(fileURLToPath(import.meta.url));

export function sharedFrontendConfig(appDir: string) {
  return {
    resolve: {
      alias: { '@shared': sharedDir },
      dedupe: ['react', 'react-dom', 'vitest', '@testing-library/react'],
    },
    // The dev server may read files outside the app only where it is told to.
    server: { fs: { allow: [appDir, sharedDir] } },
  };
}
