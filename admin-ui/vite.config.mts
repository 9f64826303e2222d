import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The back-office console. The API serves dist/admin-ui at /console/ (see architecture.md, URL layout);
// `vite` (dev server) proxies the API paths to a locally running api on port 3000.
const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/admin-ui', import.meta.url)),
    emptyOutDir: true,
    // react-admin and MUI make one ~860 KB (270 KB gzipped) chunk; fine for a staff console.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/ready': apiTarget,
      '/health': apiTarget,
    },
  },
});
