import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The customer site. The API serves dist/portal at / (see architecture.md, URL layout), with
// index.html as the fallback for the site's own paths (/register, /login, ...);
// `vite` (dev server) proxies the API paths to a locally running api on port 3000.
const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/portal', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/ready': apiTarget,
      '/health': apiTarget,
    },
  },
});
