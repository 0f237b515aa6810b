import type { Principal } from '../auth/policy';
import { csvRow } from '../crm';
import { NotFoundError, TooManyRequestsError } from '../http/errors';
import { endOfLocalDay, localDate, startOfLocalDay, utcToLocal } from '../time/zones';
import type { AnalyticsExportQuery } from './analytics-contracts';
import * as stats from './analytics-repository';
import { type AttendanceKind, planAttendance } from './attendance';
import * as repo from './repository';
import { loadConference } from './service';

/**
 * Records one attendance signal of the caller on an agenda item and answers how many seconds it credited.
 * Two DynamoDB round trips: one batch read of what the signal needs, one transaction of counter updates.
 */
export const recordAttendance = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  itemId: string,
  kind: AttendanceKind,
) => {
  const state = await stats.readAttendanceState(orgId, conferenceId, itemId, principal.userId);
  if (!state.conference || !state.itemExists) throw new NotFoundError();
  const now = new Date();
  const plan = planAttendance(
    kind,
    state.watch,
    state.person,
    now,
    localDate(now, state.conference.timeZone),
  );
  if (plan.kind === 'too-soon')
    throw new TooManyRequestsError('Attendance is counted every 30 seconds; this signal came too soon.', {
      retryAfterSeconds: plan.retryAfterSeconds,
    });
  const recorded = await stats.recordAttendance(
    orgId,
    conferenceId,
    itemId,
    {
      userId: principal.userId,
      name: principal.name,
      email: principal.email,
      counted: principal.conferenceRole !== undefined,
    },
    state,
    plan.credit,
    now.toISOString(),
  );
  return { credited: recorded ? plan.credit.seconds : 0 };
};

const itemTable = async (orgId: string, conferenceId: string) => {
  const [agenda, aggregates] = await Promise.all([
    repo.readAgenda(orgId, conferenceId),
    stats.readAggregates(orgId, conferenceId),
  ]);
  if (!agenda.conference) throw new NotFoundError();
  const items = agenda.items.map((item) => ({
    itemId: item.id,
    title: item.title,
    start: item.start,
    track: item.track,
    ...{ viewers: 0, joins: 0, watchSeconds: 0 },
    ...aggregates.items.get(item.id),
  }));
  return { conference: agenda.conference, aggregates, items };
};

export const getAnalytics = async (orgId: string, conferenceId: string) => {
  const { conference, aggregates, items } = await itemTable(orgId, conferenceId);
  const popular = items
    .filter((item) => item.viewers > 0)
    .sort((a, b) => b.viewers - a.viewers || b.watchSeconds - a.watchSeconds)
    .slice(0, 5);
  return {
    timeZone: conference.timeZone,
    funnel: aggregates.funnel,
    items,
    popular,
    days: aggregates.days,
  };
};

/**
 * People present minute by minute on one conference-local day: today while the conference runs, its
 * first day otherwise, unless the caller names one.
 */
export const getParticipation = async (orgId: string, conferenceId: string, date?: string) => {
  const conference = await loadConference(orgId, conferenceId);
  const now = new Date();
  const today = localDate(now, conference.timeZone);
  const day =
    date ?? (today >= conference.startDate && today <= conference.endDate ? today : conference.startDate);
  const from = startOfLocalDay(day, conference.timeZone).slice(0, 16);
  const to = endOfLocalDay(day, conference.timeZone).slice(0, 16);
  const minutes = await stats.readMinutes(orgId, conferenceId, from, to);
  const lastComplete = new Date(now.getTime() - 60_000).toISOString().slice(0, 16);
  return {
    date: day,
    timeZone: conference.timeZone,
    minutes: minutes.map((bucket) => ({
      ...bucket,
      local: utcToLocal(`${bucket.minute}:00Z`, conference.timeZone),
    })),
    now: minutes.find((bucket) => bucket.minute === lastComplete)?.people ?? 0,
  };
};

export const listEngagement = async (orgId: string, conferenceId: string, limit: number, cursor?: string) => {
  await loadConference(orgId, conferenceId);
  return stats.listPeople(orgId, conferenceId, limit, cursor);
};

const minutesOf = (seconds: number) => Math.round(seconds / 6) / 10;

/** One analytics table as CSV; the attendee table goes in parts of 500 continued by cursor. */
export const exportAnalytics = async (orgId: string, conferenceId: string, query: AnalyticsExportQuery) => {
  const date = new Date().toISOString().slice(0, 10);
  const fileName = `${query.table}-${conferenceId}-${date}.csv`;
  if (query.table === 'attendees') {
    const conference = await loadConference(orgId, conferenceId);
    const page = await stats.listPeople(orgId, conferenceId, 500, query.cursor);
    const header = query.cursor
      ? ''
      : csvRow([
          'Name',
          'Email',
          'Visits',
          'Sessions',
          'Minutes watched',
          'Engaged',
          `Last seen (${conference.timeZone})`,
        ]);
    const rows = page.items.map((person) =>
      csvRow([
        person.name,
        person.email,
        person.joins,
        person.items,
        minutesOf(person.watchSeconds),
        person.engaged ? 'yes' : 'no',
        utcToLocal(person.lastSeenAt, conference.timeZone).replace('T', ' '),
      ]),
    );
    return { csv: header + rows.join(''), fileName, nextCursor: page.nextCursor };
  }
  const { conference, aggregates, items } = await itemTable(orgId, conferenceId);
  if (query.table === 'items') {
    const rows = items.map((item) =>
      csvRow([
        item.title,
        item.start.replace('T', ' '),
        item.track,
        item.viewers,
        item.joins,
        minutesOf(item.watchSeconds),
      ]),
    );
    const header = csvRow([
      'Session',
      `Start (${conference.timeZone})`,
      'Track',
      'Viewers',
      'Visits',
      'Minutes watched',
    ]);
    return { csv: header + rows.join(''), fileName, nextCursor: null };
  }
  const header = csvRow(['Date', 'People', 'Visits', 'Minutes watched']);
  const rows = aggregates.days.map((day) =>
    csvRow([day.date, day.people, day.joins, minutesOf(day.watchSeconds)]),
  );
  return { csv: header + rows.join(''), fileName, nextCursor: null };
};
