import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './dist.mjs';

// The limits of the UI bundle row: what the smallest app of each kind weighs, built by the same Vite
// with the same React plugin as the console and the customer site.
const INDEX = (title) => `<!doctype html>
<html lang="en"><head><meta charset="UTF-8" /><title>${title}</title></head>
<body><div id="root"></div><script type="module" src="/src/main.jsx"></script></body></html>
`;

const BARE_REACT_ADMIN = `import { createRoot } from 'react-dom/client';
import { Admin, Datagrid, List, Resource, TextField } from 'react-admin';

const posts = [{ id: 1, title: 'Hello' }, { id: 2, title: 'World' }];
// A fake dataProvider: the bundle, not the data, is what is measured.
const dataProvider = {
  getList: async () => ({ data: posts, total: posts.length }),
  getOne: async (_r, { id }) => ({ data: posts.find((p) => p.id === Number(id)) }),
  getMany: async (_r, { ids }) => ({ data: posts.filter((p) => ids.includes(p.id)) }),
  getManyReference: async () => ({ data: [], total: 0 }),
  create: async (_r, { data }) => ({ data: { ...data, id: 3 } }),
  update: async (_r, { data }) => ({ data }),
  updateMany: async (_r, { ids }) => ({ data: ids }),
  delete: async (_r, { previousData }) => ({ data: previousData }),
  deleteMany: async (_r, { ids }) => ({ data: ids }),
};

const PostList = () => (
  <List>
    <Datagrid>
      <TextField source="id" />
      <TextField source="title" />
    </Datagrid>
  </List>
);

createRoot(document.getElementById('root')).render(
  <Admin dataProvider={dataProvider} disableTelemetry>
    <Resource name="posts" list={PostList} />
  </Admin>,
);
`;

const BARE_REACT = `import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const Hello = () => <h1>Hello</h1>;

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <Hello />
  </StrictMode>,
);
`;

/**
 * Builds the bare react-admin app (an <Admin> with one <Resource> list on a fake dataProvider) and the
 * bare React page (a React 19 root rendering one component) in a temp directory under /tmp whose
 * node_modules is the project's. Resolves with the output directories and a cleanup.
 */
export async function buildBareApps() {
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const dir = mkdtempSync(join(tmpdir(), 'ikou-ui-bench-'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const apps = { reactAdmin: ['bare react-admin app', BARE_REACT_ADMIN], react: ['bare React page', BARE_REACT] };
  const out = {};
  for (const [name, [title, main]] of Object.entries(apps)) {
    const root = join(dir, name);
    mkdirSync(join(root, 'src'), { recursive: true });
    writeFileSync(join(root, 'index.html'), INDEX(title));
    writeFileSync(join(root, 'src', 'main.jsx'), main);
    out[name] = join(root, 'dist');
    await build({ root, configFile: false, base: '/', logLevel: 'warn', plugins: [react()], build: { outDir: out[name], emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
  }
  return { ...out, dir };
}
