import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** gzip level 9: what a server precompressing its assets would send (the figures are a few % above level 6's). */
const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * The JavaScript a built index.html makes the browser fetch before the first render: its module entry
 * script and the chunks Vite modulepreloads for it. Lazy chunks (import() of a page) are not counted:
 * they arrive when their page is opened. `base` is the build's public path (`/console/`, `/`).
 */
export function initialJs(outDir, base = '/') {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const urls = [
    ...[...html.matchAll(/<script\b[^>]*type="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]),
  ];
  if (urls.length === 0) throw new Error(`${outDir}/index.html loads no module script`);
  const files = [...new Set(urls)].map((url) => {
    if (!url.startsWith(base)) throw new Error(`${url} is outside the build's base ${base}`);
    const bytes = readFileSync(join(outDir, url.slice(base.length)));
    return { file: url.slice(base.length), raw: bytes.length, gzip: gzipped(bytes) };
  });
  return { files, raw: files.reduce((s, f) => s + f.raw, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) };
}
