/// <reference types="vitest/config" />
import { defineConfig, mergeConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { sharedFrontendConfig } from '../frontends/shared/vite.ts';

// Served under /admin/ by the gateway. In development the API comes from a running back end
// (UM_API, default the all-in-one server's usual port); in production the gateway serves
// these files and the API on one origin.
const api = process.env.UM_API ?? 'http://127.0.0.1:3000';

export default mergeConfig(
  sharedFrontendConfig(import.meta.dirname),
  defineConfig({
    base: '/admin/',
    plugins: [react()],
    server: { proxy: { '/v2': { target: api, changeOrigin: true } } },
    build: { sourcemap: true, chunkSizeWarningLimit: 800 },
    test: { environment: 'jsdom', include: ['src/**/*.test.{ts,tsx}'] },
  }),
);
