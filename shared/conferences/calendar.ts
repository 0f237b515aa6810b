import type { Principal } from '../auth/policy';
import { hashOpaqueToken, newOpaqueToken } from '../auth/tokens';
import { apiLink, appLink } from '../email/links';
import { NotFoundError } from '../http/errors';
import { type CalendarEvent, renderCalendar } from './ics';
import type { AgendaItem, ConferenceItem } from './model';
import * as repo from './repository';

const venueOf = (conference: ConferenceItem) =>
  conference.venue.kind === 'in-person'
    ? [conference.venue.name, conference.venue.address].filter(Boolean).join(', ')
    : 'Online';

const sessionUrl = (conference: ConferenceItem, itemId: string) =>
  appLink('conference', { orgId: conference.orgId, conferenceId: conference.id }, { session: itemId });

const toEvent = (conference: ConferenceItem, item: AgendaItem, description: string): CalendarEvent => ({
  uid: `${item.id}@portico`,
  // Version 1 is the first publication; every later change bumps the sequence.
  sequence: item.version - 1,
  startUtc: item.startUtc,
  endUtc: item.endUtc,
  summary: item.title,
  description: [description, item.stream ? `Stream: ${item.stream.joinUrl}` : '']
    .filter(Boolean)
    .join('\n\n'),
  location: [item.room, venueOf(conference)].filter(Boolean).join(', '),
  url: sessionUrl(conference, item.id),
  updatedAt: item.updatedAt,
});

export const agendaItemCalendar = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  itemId: string,
) => {
  const detail = await repo.getAgendaItem(orgId, conferenceId, itemId, principal.userId);
  if (!detail.conference || !detail.item) throw new NotFoundError();
  return renderCalendar(detail.conference.name, [
    toEvent(detail.conference, detail.item, detail.description),
  ]);
};

/** A new private feed link; the person's previous link for this conference stops working. */
export const createCalendarFeed = async (principal: Principal, orgId: string, conferenceId: string) => {
  const link = newOpaqueToken();
  await repo.replaceFeed(principal.userId, orgId, conferenceId, link.hash);
  return { url: apiLink(`/api/public/calendar-feeds/${link.token}`) };
};

export const revokeCalendarFeed = async (principal: Principal, orgId: string, conferenceId: string) => {
  await repo.replaceFeed(principal.userId, orgId, conferenceId, null);
};

/** The feed behind a link: the person's saved sessions (without descriptions: the feed stays one query). */
export const calendarFeed = async (token: string) => {
  const feed = await repo.getFeed(hashOpaqueToken(token));
  if (!feed) throw new NotFoundError('This calendar link was revoked');
  const [agenda, saved] = await Promise.all([
    repo.readAgenda(feed.orgId, feed.conferenceId),
    repo.listSavedItemIds(feed.userId, feed.orgId, feed.conferenceId),
  ]);
  if (!agenda.conference) throw new NotFoundError();
  const conference = agenda.conference;
  const wanted = new Set(saved);
  return renderCalendar(
    `${conference.name} — my agenda`,
    agenda.items.filter((item) => wanted.has(item.id)).map((item) => toEvent(conference, item, '')),
  );
};
