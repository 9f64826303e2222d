import { Fragment, type ReactNode } from 'react';

/**
 * Renders a translated string whose parts are marked `<name>text</name>` (links, emphasis), so each
 * language keeps its own word order: `<Rich text={t('key')} tags={{ link: (c) => <Link to="/">{c}</Link> }} />`.
 * Tags without a renderer stay plain text. No HTML is ever parsed.
 */
export const Rich = ({ text, tags }: { text: string; tags: Record<string, (chunk: string) => ReactNode> }) => {
  const parts: ReactNode[] = [];
  const pattern = /<(\w+)>(.*?)<\/\1>/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const render = tags[match[1]];
    if (!render) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(<Fragment key={parts.length}>{render(match[2])}</Fragment>);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
};
