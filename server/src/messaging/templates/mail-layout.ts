import { checkedUrl, html, link, SafeHtml } from './html';

/**
 * A mail body as a few kinds of blocks, rendered once as plain text and once as HTML, so the two parts
 * of a message always say the same thing (the same link in both) and every template looks alike.
 */
export type MailBlock =
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'heading'; text: string }
  | { kind: 'value'; text: string }
  | { kind: 'link'; url: string }
  | { kind: 'notes'; lines: string[] };

export const paragraph = (...lines: string[]): MailBlock => ({ kind: 'paragraph', lines });
/** "■ title": the next block follows it without a blank line. */
export const heading = (text: string): MailBlock => ({ kind: 'heading', text });
/** A value shown indented under its heading: an address, a network ID. */
export const value = (text: string): MailBlock => ({ kind: 'value', text });
export const linkBlock = (url: string): MailBlock => ({ kind: 'link', url: checkedUrl(url) });
/** "※ …" remarks. */
export const notes = (...lines: string[]): MailBlock => ({ kind: 'notes', lines });

export const SENDER_NAME = 'InfoSphere サポートセンター';
export const NO_REPLY_LINE = 'このメールは送信専用のアドレスからお送りしています。';
const NO_REPLY_DETAIL = 'ご返信いただいてもお答えできませんので、あらかじめご了承ください。';
const RULE = '―'.repeat(30);

export interface MailTemplate<D> {
  subject(data: D): string;
  text(data: D): string;
  html(data: D): string;
}

/** Builds a template from its subject and body blocks; the greeting and signature are shared. */
export function mailTemplate<D>(parts: { subject: (data: D) => string; body: (data: D) => MailBlock[] }): MailTemplate<D> {
  return {
    subject: parts.subject,
    text: (data) => renderText(parts.body(data)),
    html: (data) => renderHtml(parts.subject(data), parts.body(data)),
  };
}

const GREETING = 'InfoSphere をご利用いただき、誠にありがとうございます。';

function renderText(blocks: MailBlock[]): string {
  let out = GREETING;
  let previous: MailBlock['kind'] | undefined;
  for (const block of blocks) {
    out += previous === 'heading' ? '\n' : '\n\n';
    out += textOf(block);
    previous = block.kind;
  }
  return `${out}\n\n${RULE}\n${SENDER_NAME}\n${NO_REPLY_LINE}\n${NO_REPLY_DETAIL}\n${RULE}\n`;
}

function textOf(block: MailBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return block.lines.join('\n');
    case 'heading':
      return `■ ${block.text}`;
    case 'value':
      return `  ${block.text}`;
    case 'link':
      return block.url;
    case 'notes':
      return block.lines.map((line) => `※ ${line}`).join('\n');
  }
}

function renderHtml(subject: string, blocks: MailBlock[]): string {
  const lines = (items: string[]) => items.map((item, i) => (i ? html`<br>${item}` : html`${item}`));
  const parts = blocks.map((block): SafeHtml => {
    switch (block.kind) {
      case 'paragraph':
        return html`<p style="margin:0 0 1em">${lines(block.lines)}</p>`;
      case 'heading':
        return html`<p style="margin:1.5em 0 0.25em;font-weight:bold">■ ${block.text}</p>`;
      case 'value':
        return html`<p style="margin:0 0 1em 1em">${block.text}</p>`;
      case 'link':
        return html`<p style="margin:0 0 1em">${link(block.url)}</p>`;
      case 'notes':
        return html`<p style="margin:0 0 1em;font-size:90%">${lines(block.lines.map((line) => `※ ${line}`))}</p>`;
    }
  });
  const body = new SafeHtml(parts.map((part) => part.value).join('\n'));
  return html`<!DOCTYPE html>
<html lang="ja">
<head><meta charset="utf-8"><title>${subject}</title></head>
<body style="font-family:sans-serif;line-height:1.6;color:#222">
<p style="margin:0 0 1em">${GREETING}</p>
${body}
<hr>
<p style="margin:0;font-size:90%">${SENDER_NAME}<br>${NO_REPLY_LINE}<br>${NO_REPLY_DETAIL}</p>
</body>
</html>
`.value;
}
