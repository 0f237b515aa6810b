import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorResponse } from '../ses';
import {
  calendarListEntry,
  etagOf,
  type ListQuery,
  matchesQuery,
  mergePatch,
  notWithSyncToken,
  routeApi,
  validateFields,
  writableFields,
} from './calendar-fields';
import { badRequest, GoogleApiError, json, noContent, notFound } from './http';
import type { LocalGoogleOAuth } from './oauth';
import {
  type AccessRole,
  type CalendarDefinition,
  calendars,
  calendarZone,
  type EventTime,
  localGoogleAccount,
  roleRank,
  type StoredEvent,
} from './state';
import type { GoogleStore } from './store';
import {
  decodeToken,
  encodeToken,
  formatInZone,
  isObject,
  iso,
  isoSeconds,
  isTimeZone,
  type Json,
  newEventId,
  parseInstantParam,
  readJsonBody,
  validEventId,
} from './values';

/** Calendar v3: calendarList, freeBusy and events, with sync tokens, as `@googleapis/calendar` calls them. */
export class LocalCalendar {
  constructor(
    private readonly store: GoogleStore,
    private readonly oauth: LocalGoogleOAuth,
  ) {}

  async handle(
    method: string,
    apiPath: string,
    url: URL,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<EmulatorResponse> {
    const segments = apiPath.split('/').slice(1).map(decodeURIComponent);
    const route = routeApi(method, segments);
    if (!route) throw notFound();
    const faulted = await this.store.fault(route.operation);
    if (faulted) return faulted;
    this.oauth.authenticate(headers, route.operation);
    const origin = `http://${headers.host ?? '127.0.0.1'}`;
    const q = url.searchParams;
    switch (route.operation) {
      case 'calendarList':
        return route.calendarId === undefined
          ? this.calendarList(q)
          : json(200, calendarListEntry(this.calendar(route.calendarId)));
      case 'freeBusy':
        return this.freeBusy(readJsonBody(body));
      case 'events.list':
        return this.listEvents(this.calendar(route.calendarId!), q, origin);
      case 'events.get': {
        const event = this.event(route.calendarId!, route.eventId!);
        return this.eventResponse(event, origin, q.get('timeZone'));
      }
      case 'events.insert': {
        const calendar = this.writableCalendar(route.calendarId!);
        const input = readJsonBody(body);
        let id = newEventId();
        if (input.id !== undefined) {
          if (typeof input.id !== 'string' || !validEventId.test(input.id))
            throw badRequest('Invalid resource id value.');
          if (this.store.state.events.some((e) => e.calendarId === calendar.id && e.id === input.id))
            throw new GoogleApiError(409, 'The requested identifier already exists.', 'duplicate');
          id = input.id;
        }
        return this.eventResponse(this.createEvent(calendar.id, id, writableFields(input)), origin, null);
      }
      case 'events.patch':
      case 'events.update': {
        this.writableCalendar(route.calendarId!);
        const event = this.liveEvent(route.calendarId!, route.eventId!, headers);
        const input = writableFields(readJsonBody(body));
        const next = route.operation === 'events.patch' ? mergePatch(event.fields, input) : input;
        this.changeEvent(event, next);
        return this.eventResponse(event, origin, null);
      }
      case 'events.delete': {
        this.writableCalendar(route.calendarId!);
        const event = this.liveEvent(route.calendarId!, route.eventId!, headers);
        this.cancelEvent(event);
        return noContent();
      }
      default:
        throw notFound();
    }
  }

  private calendar(id: string): CalendarDefinition {
    const calendar = calendars.find((c) => c.id === (id === 'primary' ? localGoogleAccount : id));
    if (!calendar) throw notFound();
    return calendar;
  }

  private writableCalendar(id: string): CalendarDefinition {
    const calendar = this.calendar(id);
    if (roleRank[calendar.accessRole] < roleRank.writer)
      throw new GoogleApiError(
        403,
        'You need to have writer access to this calendar.',
        'requiredAccessLevel',
      );
    return calendar;
  }

  private event(calendarId: string, eventId: string): StoredEvent {
    const calendar = this.calendar(calendarId);
    const event = this.store.state.events.find((e) => e.calendarId === calendar.id && e.id === eventId);
    if (!event) throw notFound();
    return event;
  }

  /** An event that may still change: not deleted, and matching `If-Match` when one is sent. */
  private liveEvent(calendarId: string, eventId: string, headers: IncomingHttpHeaders): StoredEvent {
    const event = this.event(calendarId, eventId);
    if (event.status === 'cancelled') throw new GoogleApiError(410, 'Resource has been deleted', 'deleted');
    const ifMatch = headers['if-match'];
    if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(event))
      throw new GoogleApiError(412, 'Precondition Failed', 'conditionNotMet', {
        location: 'If-Match',
        locationType: 'header',
      });
    return event;
  }

  private calendarList(q: URLSearchParams): EmulatorResponse {
    const minRole = q.get('minAccessRole') as AccessRole | null;
    if (minRole !== null && roleRank[minRole] === undefined)
      throw badRequest(`Invalid minAccessRole: ${minRole}`);
    const items = calendars
      .filter((c) => minRole === null || roleRank[c.accessRole] >= roleRank[minRole])
      .map(calendarListEntry);
    return json(200, { kind: 'calendar#calendarList', etag: '"local-calendar-list"', items });
  }

  private freeBusy(input: Json): EmulatorResponse {
    if (typeof input.timeMin !== 'string') throw badRequest('Missing timeMin parameter.', 'required');
    if (typeof input.timeMax !== 'string') throw badRequest('Missing timeMax parameter.', 'required');
    const timeMin = parseInstantParam('timeMin', input.timeMin)!;
    const timeMax = parseInstantParam('timeMax', input.timeMax)!;
    if (timeMax <= timeMin) throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
    const items = Array.isArray(input.items) ? input.items : [];
    if (items.length > 50) throw badRequest('Too many calendars requested.', 'tooManyCalendarsRequested');
    const result: Record<string, unknown> = {};
    for (const item of items) {
      const id = isObject(item) && typeof item.id === 'string' ? item.id : '';
      const calendar = calendars.find((c) => c.id === (id === 'primary' ? localGoogleAccount : id));
      if (!calendar) {
        result[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
        continue;
      }
      const blocks = this.store.state.events
        .filter(
          (e) =>
            e.calendarId === calendar.id &&
            e.status !== 'cancelled' &&
            e.fields.transparency !== 'transparent' &&
            e.startMs < timeMax &&
            e.endMs > timeMin &&
            e.endMs > e.startMs,
        )
        .map((e) => ({ start: Math.max(e.startMs, timeMin), end: Math.min(e.endMs, timeMax) }))
        .sort((a, b) => a.start - b.start);
      const merged: { start: number; end: number }[] = [];
      for (const block of blocks) {
        const last = merged.at(-1);
        if (last && block.start <= last.end) last.end = Math.max(last.end, block.end);
        else merged.push({ ...block });
      }
      result[id] = { busy: merged.map((b) => ({ start: isoSeconds(b.start), end: isoSeconds(b.end) })) };
    }
    return json(200, {
      kind: 'calendar#freeBusy',
      timeMin: iso(timeMin),
      timeMax: iso(timeMax),
      calendars: result,
    });
  }

  private readListQuery(q: URLSearchParams): ListQuery {
    const syncToken = q.get('syncToken');
    const pairs = (name: string): [string, string][] =>
      q.getAll(name).map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw badRequest(`Invalid value for ${name}: ${pair}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      });
    const maxResults = q.has('maxResults') ? Number(q.get('maxResults')) : 250;
    if (!Number.isInteger(maxResults) || maxResults < 1) throw badRequest('Invalid value for maxResults');
    const orderBy = q.get('orderBy');
    if (orderBy !== null && orderBy !== 'startTime' && orderBy !== 'updated')
      throw badRequest(`Invalid value for orderBy: ${orderBy}`);
    if (orderBy === 'startTime' && q.get('singleEvents') !== 'true')
      throw badRequest('The requested ordering is not available for the particular query.');
    const base = {
      showDeleted: q.get('showDeleted') === 'true',
      maxResults: Math.min(maxResults, 2500),
      privateProperties: pairs('privateExtendedProperty'),
      sharedProperties: pairs('sharedExtendedProperty'),
    };
    if (syncToken !== null) {
      const refused = notWithSyncToken.find((name) => q.has(name));
      if (refused) throw badRequest(`The parameter ${refused} cannot be used together with syncToken.`);
      const decoded = decodeToken(syncToken);
      if (
        decoded?.e !== this.store.state.syncEpoch ||
        typeof decoded.s !== 'number' ||
        decoded.s > this.store.state.seq ||
        typeof decoded.c !== 'string'
      )
        throw new GoogleApiError(
          410,
          'Sync token is no longer valid, a full sync is required.',
          'fullSyncRequired',
        );
      return { ...base, syncSeq: decoded.s };
    }
    const timeMin = parseInstantParam('timeMin', q.get('timeMin'));
    const timeMax = parseInstantParam('timeMax', q.get('timeMax'));
    if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin)
      throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
    return {
      ...base,
      timeMin,
      timeMax,
      updatedMin: parseInstantParam('updatedMin', q.get('updatedMin')),
      orderBy: orderBy ?? undefined,
      text: q.get('q')?.toLowerCase() ?? undefined,
      iCalUID: q.get('iCalUID') ?? undefined,
    };
  }

  private listEvents(calendar: CalendarDefinition, q: URLSearchParams, origin: string): EmulatorResponse {
    const query = this.readListQuery(q);
    if (query.syncSeq !== undefined) {
      const token = decodeToken(q.get('syncToken')!);
      if (token?.c !== calendar.id)
        throw new GoogleApiError(
          410,
          'Sync token is no longer valid, a full sync is required.',
          'fullSyncRequired',
        );
    }
    const pageToken = q.get('pageToken');
    let offset = 0;
    let snapshot = this.store.state.seq;
    if (pageToken !== null) {
      const decoded = decodeToken(pageToken);
      if (
        decoded?.e !== this.store.state.syncEpoch ||
        typeof decoded.o !== 'number' ||
        typeof decoded.s !== 'number'
      )
        throw badRequest('Invalid page token value.');
      offset = decoded.o;
      snapshot = decoded.s;
    }
    const matches = this.store.state.events
      .filter((e) => e.calendarId === calendar.id && matchesQuery(e, query))
      .sort((a, b) =>
        query.syncSeq !== undefined
          ? a.changeSeq - b.changeSeq
          : query.orderBy === 'updated'
            ? a.updated - b.updated || a.changeSeq - b.changeSeq
            : a.startMs - b.startMs || a.id.localeCompare(b.id),
      );
    const page = matches.slice(offset, offset + query.maxResults);
    const more = offset + query.maxResults < matches.length;
    const zone = q.get('timeZone') ?? calendarZone;
    if (!isTimeZone(zone)) throw badRequest(`Invalid time zone: ${zone}`);
    const updated = Math.max(
      0,
      ...this.store.state.events.filter((e) => e.calendarId === calendar.id).map((e) => e.updated),
    );
    return json(200, {
      kind: 'calendar#events',
      etag: `"${this.store.state.seq}"`,
      summary: calendar.summary,
      description: calendar.description,
      updated: iso(updated || this.store.now()),
      timeZone: calendarZone,
      accessRole: calendar.accessRole,
      defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
      ...(more
        ? {
            nextPageToken: encodeToken({
              o: offset + query.maxResults,
              s: snapshot,
              e: this.store.state.syncEpoch,
            }),
          }
        : { nextSyncToken: encodeToken({ c: calendar.id, s: snapshot, e: this.store.state.syncEpoch }) }),
      items: page.map((e) => this.eventResource(e, origin, zone, true)),
    });
  }

  private eventResponse(event: StoredEvent, origin: string, timeZone: string | null): EmulatorResponse {
    const zone = timeZone ?? calendarZone;
    if (!isTimeZone(zone)) throw badRequest(`Invalid time zone: ${zone}`);
    return json(200, this.eventResource(event, origin, zone, false), { etag: etagOf(event) });
  }

  /**
   * The event as Google sends it, times in the requested zone's offset. In lists a deleted event
   * carries only what Google guarantees for one: its id and status.
   */
  eventResource(event: StoredEvent, origin: string, zone: string, inList: boolean): Json {
    const head = { kind: 'calendar#event', etag: etagOf(event), id: event.id, status: event.status };
    if (inList && event.status === 'cancelled') return head;
    const calendar = this.calendar(event.calendarId);
    const { start, end, ...rest } = event.fields as { start: EventTime; end: EventTime } & Json;
    const render = (time: EventTime, ms: number): EventTime =>
      time.date !== undefined ? time : { ...time, dateTime: formatInZone(ms, zone) };
    return {
      ...head,
      htmlLink: `${origin}/_local/google#event-${encodeURIComponent(event.id)}`,
      created: iso(event.created),
      updated: iso(event.updated),
      ...rest,
      creator: { email: localGoogleAccount, self: true },
      organizer: calendar.primary
        ? { email: calendar.id, self: true }
        : { email: calendar.id, displayName: calendar.summary, self: true },
      start: render(start, event.startMs),
      end: render(end, event.endMs),
      iCalUID: `${event.id}@portico.localhost`,
      sequence: event.sequence,
      reminders: rest.reminders ?? { useDefault: true },
      eventType: 'default',
    };
  }

  createEvent(calendarId: string, id: string, input: Json): StoredEvent {
    const checked = validateFields(input);
    const now = this.store.now();
    const event: StoredEvent = {
      calendarId,
      id,
      status: checked.status === 'tentative' ? 'tentative' : 'confirmed',
      fields: checked.fields,
      startMs: checked.startMs,
      endMs: checked.endMs,
      created: now,
      updated: now,
      sequence: 0,
      changeSeq: 0,
    };
    this.store.state.events.push(event);
    this.touch(event);
    return event;
  }

  changeEvent(event: StoredEvent, fields: Json): void {
    const checked = validateFields(fields);
    if (checked.status === 'cancelled') {
      this.cancelEvent(event);
      return;
    }
    if (checked.startMs !== event.startMs || checked.endMs !== event.endMs) event.sequence++;
    event.fields = checked.fields;
    event.startMs = checked.startMs;
    event.endMs = checked.endMs;
    if (checked.status) event.status = checked.status;
    this.touch(event);
  }

  cancelEvent(event: StoredEvent): void {
    event.status = 'cancelled';
    event.sequence++;
    this.touch(event);
  }

  private touch(event: StoredEvent): void {
    this.store.state.seq++;
    event.changeSeq = this.store.state.seq;
    event.updated = Math.max(this.store.now(), event.created);
    this.store.save();
  }

  /**
   * Adds plausible busy time to the primary calendar over the next three weeks: a weekday stand-up,
   * lunches, a one-off site visit and a focus block shown as free. Ids are derived from the day, so
   * seeding twice adds nothing twice. Returns how many events were added.
   */
  seedDemo(now: Date): number {
    const calendarId = localGoogleAccount;
    const today = formatInZone(now.getTime(), calendarZone).slice(0, 10);
    const todayUtc = Date.parse(`${today}T12:00:00Z`);
    const before = this.store.state.events.length;
    let weekdays = 0;
    for (let offset = 0; offset < 21; offset++) {
      const day = new Date(todayUtc + offset * 86_400_000);
      const date = day.toISOString().slice(0, 10);
      const weekday = day.getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      weekdays++;
      const compact = date.replaceAll('-', '');
      const add = (id: string, summary: string, from: string, to: string, extra: Json = {}) => {
        if (
          this.store.state.events.some((e) => e.calendarId === calendarId && e.id === `demo${compact}${id}`)
        )
          return;
        this.createEvent(calendarId, `demo${compact}${id}`, {
          summary,
          start: { dateTime: `${date}T${from}:00`, timeZone: calendarZone },
          end: { dateTime: `${date}T${to}:00`, timeZone: calendarZone },
          ...extra,
        });
      };
      add('standup', 'Team stand-up', '09:30', '09:45', { location: 'Video call' });
      if (weekday === 2 || weekday === 4) add('lunch', 'Lunch', '12:30', '13:30');
      if (weekday === 5)
        add('focus', 'Focus time (shown as free)', '15:00', '17:00', { transparency: 'transparent' });
      if (weekdays === 3)
        add('sitevisit', 'Site visit', '14:00', '16:30', {
          location: 'Harbour Street 12',
          description: 'Walk-through with the contractor',
        });
    }
    this.store.save();
    return this.store.state.events.length - before;
  }
}
