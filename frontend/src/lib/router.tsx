import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';

/** A small History API router: enough for a dozen pages, no dependency. */
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

const currentHref = () => `${window.location.pathname}${window.location.search}`;

export interface Location {
  readonly pathname: string;
  readonly search: URLSearchParams;
  readonly href: string;
}

/** Moves to another page of the app without reloading it. */
export const navigate = (to: string, options: { replace?: boolean; keepFocus?: boolean } = {}): void => {
  if (to === currentHref()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  notify();
  // Screen readers hear nothing when a single-page app swaps pages; moving focus to the new main
  // content announces it and puts keyboard users at its start.
  if (!options.keepFocus)
    requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: true }));
};

export const useLocation = (): Location => {
  const href = useSyncExternalStore(subscribe, currentHref, () => '/');
  const url = new URL(href, 'http://app.invalid');
  return { pathname: url.pathname, search: url.searchParams, href };
};

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An ordinary link that navigates in-app on a plain left click (new tabs still work). */
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
      rest.target === '_blank'
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
};
