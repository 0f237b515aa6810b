import type { Principal } from '../auth/policy';
import { csvRow } from '../crm';
import { ForbiddenError, NotFoundError } from '../http/errors';
import { csvHeaders } from './csv-reply';
import { isOrganizer } from './service';
import * as leads from './sponsor-lead-repository';
import { getSponsor } from './sponsor-repository';

const sponsorOf = async (orgId: string, conferenceId: string, sponsorId: string) => {
  const sponsor = await getSponsor(orgId, conferenceId, sponsorId);
  if (!sponsor) throw new NotFoundError('No such sponsor');
  return sponsor;
};

export const getLeadShare = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  sponsorId: string,
) => {
  await sponsorOf(orgId, conferenceId, sponsorId);
  const lead = await leads.getLead(orgId, conferenceId, sponsorId, principal.userId);
  return { sponsorId, sharedAt: lead?.sharedAt ?? null };
};

/** Shares the caller's own name and email, as their account holds them, never anything they typed here. */
export const shareLead = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  sponsorId: string,
) => {
  await sponsorOf(orgId, conferenceId, sponsorId);
  const sharedAt = new Date().toISOString();
  await leads.putLead(orgId, conferenceId, sponsorId, {
    userId: principal.userId,
    name: principal.name,
    email: principal.email,
    sharedAt,
  });
  return { sponsorId, sharedAt };
};

export const revokeLead = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  sponsorId: string,
) => {
  await sponsorOf(orgId, conferenceId, sponsorId);
  await leads.deleteLead(orgId, conferenceId, sponsorId, principal.userId);
};

/**
 * One part of a sponsor's leads as CSV (500 rows, continued by cursor), for the sponsor's own
 * representatives and the event's organizers; cells that look like formulas are defused.
 */
export const exportLeads = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  sponsorId: string,
  cursor?: string,
) => {
  const sponsor = await sponsorOf(orgId, conferenceId, sponsorId);
  if (!isOrganizer(principal, orgId) && !sponsor.representativeIds.includes(principal.userId))
    throw new ForbiddenError('Only the sponsor’s representatives and the organizers export its leads');
  const page = await leads.listLeads(orgId, conferenceId, sponsorId, 500, cursor);
  const header = cursor ? '' : csvRow(['Name', 'Email', 'Shared at (UTC)']);
  const rows = page.leads.map((lead) =>
    csvRow([lead.name, lead.email, lead.sharedAt.replace('T', ' ').slice(0, 19)]),
  );
  const fileName = `leads-${sponsor.name.replace(/[^\w-]+/g, '-').slice(0, 40)}-${new Date().toISOString().slice(0, 10)}.csv`;
  return { body: header + rows.join(''), headers: csvHeaders(fileName, Boolean(cursor), page.nextCursor) };
};
