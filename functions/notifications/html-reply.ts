import type { HtmlPage } from '../../shared/notifications/service';

/**
 * An HTML page as a reply. The token is in the URL, so the page sends no referrer onwards, and it loads
 * nothing but its own inline styles.
 */
export const htmlReply = (page: HtmlPage) => ({
  status: page.status,
  body: page.html,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  },
});
