import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is a static SPA: the embedded platform and the gateway serve dist/apps/console at `/`.
// `nx serve console` proxies /api to a platform on :3000 (VITE_API_TARGET to change it).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/apps/console'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // The limit that matters is the first route gzipped (scripts/measure.mjs: < 300 kB); minified it is about 550 kB.
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 4200,
    proxy: { '/api': process.env['VITE_API_TARGET'] ?? 'http://localhost:3000' },
  },
});
