import { page, pageQuery, text } from '../http/contracts';
import { defineRoute } from '../http/route';
import { email } from '../identity/contracts';
import * as z from '../schema/zod';

/**
 * Who may not be mailed. An address that bounced for good or complained is suppressed everywhere (SES
 * tells Portico through its bounce and complaint notifications); a recipient who unsubscribed has left
 * one list of one organization. Every automated send checks both first.
 */

export const unsubscribeQuery = z.strictObject({
  token: z
    .string()
    .check(z.maxLength(1024), z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'Not an unsubscribe link')),
});

export const suppressionReason = z.enum(['bounce', 'complaint']);
export type SuppressionReason = z.infer<typeof suppressionReason>;

export const suppressionView = z.object({
  address: z.string(),
  reason: suppressionReason,
  /** What SES reported, e.g. `Permanent/General: 5.1.1 user unknown` or `abuse`. */
  detail: z.string(),
  /** When the first bounce or complaint arrived, and the latest one. */
  suppressedAt: z.string(),
  lastEventAt: z.string(),
  events: z.number().check(z.int()),
});
export type SuppressionView = z.infer<typeof suppressionView>;

export const listSuppressionsQuery = pageQuery;

export const notificationRoutes = {
  unsubscribePage: defineRoute({
    method: 'GET',
    path: '/api/unsubscribe',
    name: 'get-unsubscribe-page',
    access: 'public',
    summary: 'The page an unsubscribe link opens: names the organization and list, with one button (HTML)',
    query: unsubscribeQuery,
  }),
  unsubscribe: defineRoute({
    method: 'POST',
    path: '/api/unsubscribe',
    name: 'unsubscribe',
    access: 'public',
    summary:
      'Leave the list the signed link names: the page’s button and mail clients’ one-click unsubscribe (RFC 8058, `List-Unsubscribe=One-Click`) post here (HTML)',
    query: unsubscribeQuery,
    formBody: true,
    body: z.object({
      /** What mail clients send for one-click unsubscribe. */
      'List-Unsubscribe': z.optional(text(100)),
      /** What the unsubscribe page's button sends. */
      confirm: z.optional(text(10)),
    }),
  }),
  listSuppressions: defineRoute({
    method: 'GET',
    path: '/api/email-suppressions',
    name: 'list-email-suppressions',
    access: 'admin',
    summary: 'Addresses Portico no longer mails because they bounced for good or complained, by address',
    query: listSuppressionsQuery,
    response: page(suppressionView),
  }),
  removeSuppression: defineRoute({
    method: 'DELETE',
    path: '/api/email-suppressions',
    name: 'remove-email-suppression',
    access: 'admin',
    summary: 'Mail an address again (after the recipient fixed their mailbox); 404 when it is not suppressed',
    query: z.strictObject({ address: email }),
  }),
} as const;
