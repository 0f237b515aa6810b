import { cursor, id } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';

/**
 * Leads for sponsors: an attendee shares their name and email with one sponsor by explicit consent and
 * may take it back at any time; the sponsor's representatives and the event's organizers export them.
 */

export const leadShareView = z.object({
  sponsorId: id,
  /** When the caller shared their contact with this sponsor; null when they have not (or revoked it). */
  sharedAt: z.nullable(z.string()),
});

const one = '/api/orgs/{orgId}/conferences/{conferenceId}/sponsors/{sponsorId}' as const;
const params = z.strictObject({ orgId: id, conferenceId: id, sponsorId: id });

export const sponsorLeadRoutes = {
  getLeadShare: defineRoute({
    method: 'GET',
    path: `${one}/lead`,
    name: 'get-sponsor-lead-share',
    access: 'conference-member',
    summary: 'Whether the caller shares their contact details with this sponsor',
    params,
    response: leadShareView,
  }),
  shareLead: defineRoute({
    method: 'PUT',
    path: `${one}/lead`,
    name: 'share-sponsor-lead',
    access: 'conference-member',
    summary: 'Shares the caller’s name and email with this sponsor (consent must be given explicitly)',
    params,
    body: z.strictObject({
      consent: z.literal(true, { error: 'Sharing needs your explicit consent' }),
    }),
    response: leadShareView,
  }),
  revokeLead: defineRoute({
    method: 'DELETE',
    path: `${one}/lead`,
    name: 'revoke-sponsor-lead',
    access: 'conference-member',
    summary: 'Takes the caller’s contact details back from this sponsor',
    params,
  }),
  exportLeads: defineRoute({
    method: 'GET',
    path: `${one}/leads/export`,
    name: 'export-sponsor-leads',
    access: 'conference-member',
    summary: 'The sponsor’s leads as CSV, for its representatives and the organizers (parts of 500)',
    params,
    query: z.strictObject({ cursor: z.optional(cursor) }),
  }),
} as const;
