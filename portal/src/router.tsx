import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/**
 * A few lines of history-API routing instead of a router library: the site has a handful of pages, and
 * the budget is < 150 KB of gzipped JS. The API serves index.html for these paths (SPA fallback).
 */
const NAVIGATE_EVENT = 'ikou:navigate';

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
};

/** The current path without a trailing slash ("/" stays "/"). */
export const usePath = (): string =>
  useSyncExternalStore(subscribe, () => window.location.pathname.replace(/(.)\/+$/, '$1'));

/** `replace`: the page left behind should not come back with Back (a finished sign-in form). */
export const navigate = (to: string, { replace = false }: { replace?: boolean } = {}) => {
  if (to === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
};

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (new tab, copy address, no-JS all work) that navigates in place on a plain click. */
export const Link = ({ to, onClick, ...rest }: LinkProps) => {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (rest.target && rest.target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
};
