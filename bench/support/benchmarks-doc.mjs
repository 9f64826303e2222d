import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './dist.mjs';

const DOC = join(ROOT, 'docs', 'benchmarks.md');
const PREAMBLE = '# Benchmarks\n\nFigures written by `npm run bench` (after `npm run build:server`); each section is replaced by its bench.\n';

/**
 * Replaces the "## <title>" section of docs/benchmarks.md (or adds it: at the end, or right after the preamble
 * with `first`), leaving the other sections alone.
 */
export function writeBenchmarkSection(title, body, { first = false } = {}) {
  const text = existsSync(DOC) ? readFileSync(DOC, 'utf8') : PREAMBLE;
  const section = `## ${title}\n\n${body.trim()}\n`;
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  let next;
  if (start < 0 && first) {
    const firstSection = lines.findIndex((l) => /^## /.test(l));
    next = firstSection < 0 ? `${text.trimEnd()}\n\n${section}` : `${lines.slice(0, firstSection).join('\n').trimEnd()}\n\n${section}\n${lines.slice(firstSection).join('\n')}`;
  } else if (start < 0) next = `${text.trimEnd()}\n\n${section}`;
  else {
    const endOffset = lines.slice(start + 1).findIndex((l) => /^## /.test(l));
    const end = endOffset < 0 ? lines.length : start + 1 + endOffset;
    const after = lines.slice(end).join('\n');
    next = `${lines.slice(0, start).join('\n').trimEnd()}\n\n${section}${after ? `\n${after}` : ''}`;
  }
  writeFileSync(DOC, next.trimStart().replace(/\n*$/, '\n'));
  return DOC;
}
