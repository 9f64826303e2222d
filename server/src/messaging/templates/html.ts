/** A piece of HTML that is already safe: produced by `html` or `safeUrl`, never from raw data. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | ReadonlyArray<SafeHtml>;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Tagged template for mail HTML: every interpolated string or number is escaped, so customer data
 * (an email address, a network ID) can never become markup. Nested `html` fragments pass as they are.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return new SafeHtml(out);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Links in mail are our own http(s) pages; anything else (javascript:, data:) is a bug, refused loudly. */
export function checkedUrl(url: string): string {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new Error('mail link is not a URL');
  }
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`mail link must be http(s), got ${protocol}`);
  return url;
}

/** An escaped `<a>` whose text is the URL itself, as Japanese ISP mail shows links. */
export function link(url: string): SafeHtml {
  const checked = checkedUrl(url);
  return html`<a href="${checked}">${checked}</a>`;
}
