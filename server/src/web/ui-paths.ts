import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Built next to the server: dist/server/src/web → dist/{portal,admin-ui}
const DIST = resolve(__dirname, '..', '..', '..');

export const UI_APPS = {
  console: { prefix: '/console/', root: join(DIST, 'admin-ui') },
  portal: { prefix: '/', root: join(DIST, 'portal') },
} as const;

export function uiBuilt(app: keyof typeof UI_APPS): boolean {
  return existsSync(join(UI_APPS[app].root, 'index.html'));
}

/** Paths the API owns: never answered with a page. */
export const API_PATHS = /^\/(api|health|ready|metrics)(\/|$|\?)/;
