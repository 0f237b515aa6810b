import { badRequest } from './http';
import {
  type CalendarDefinition,
  calendarZone,
  type EventTime,
  type GoogleOperation,
  type StoredEvent,
} from './state';
import { isObject, isTimeZone, type Json, parseDateTime, rfc3339, zonedInstant } from './values';

/** Calendar v3 event fields: what a client may write, how Google merges and renders them. */

// ---------------------------------------------------------------------------------------------------
// Event fields

/** Fields Google sets itself; a client's values for them are ignored. */
export const readOnlyFields = new Set([
  'kind',
  'etag',
  'id',
  'status',
  'htmlLink',
  'created',
  'updated',
  'iCalUID',
  'sequence',
  'organizer',
  'creator',
  'hangoutLink',
  'recurringEventId',
  'originalStartTime',
  'privateCopy',
  'locked',
]);

export const writableFields = (body: Json): Json =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !readOnlyFields.has(key)));

/** Google's patch: objects merge field by field, arrays and scalars replace, null clears. */
export const mergePatch = (target: Json, patch: Json): Json => {
  const merged: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    // A new start or end replaces the old one whole: merging would mix `date` with `dateTime`.
    else if (isObject(value) && isObject(merged[key]) && key !== 'start' && key !== 'end')
      merged[key] = mergePatch(merged[key] as Json, value);
    else merged[key] = value;
  }
  return merged;
};

export interface ResolvedTime {
  readonly time: EventTime;
  readonly ms: number;
  readonly allDay: boolean;
}

export const resolveTime = (raw: unknown, which: 'start' | 'end'): ResolvedTime => {
  if (!isObject(raw)) throw badRequest(`Missing ${which} time.`, 'required');
  const { date, dateTime, timeZone } = raw;
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isTimeZone(timeZone)))
    throw badRequest(`Invalid time zone definition for ${which} time.`);
  const zone = timeZone as string | undefined;
  if (dateTime !== undefined && date !== undefined) throw badRequest(`Invalid ${which} time.`);
  if (typeof dateTime === 'string') {
    const match = rfc3339.exec(dateTime);
    if (match && !match[2] && !zone)
      throw badRequest(`Missing time zone definition for ${which} time.`, 'required');
    const ms = parseDateTime(dateTime, zone);
    if (ms === undefined) throw badRequest(`Invalid ${which} time.`);
    return { time: { dateTime, ...(zone ? { timeZone: zone } : {}) }, ms, allDay: false };
  }
  if (typeof date === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
      throw badRequest(`Invalid ${which} time.`);
    // All-day events are days of the calendar's own zone.
    const ms = zonedInstant(`${date}T00:00:00`, calendarZone);
    return { time: { date, ...(zone ? { timeZone: zone } : {}) }, ms, allDay: true };
  }
  throw badRequest(`Missing ${which} time.`, 'required');
};

/** Checks a complete set of writable fields and returns them normalised, with the event's instants. */
export const validateFields = (
  fields: Json,
): { fields: Json; startMs: number; endMs: number; status?: StoredEvent['status'] } => {
  const start = resolveTime(fields.start, 'start');
  const end = resolveTime(fields.end, 'end');
  if (start.allDay !== end.allDay)
    throw badRequest('Start and end times must either both be date or both be dateTime.');
  if (end.ms < start.ms) throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
  for (const key of ['summary', 'description', 'location'] as const)
    if (fields[key] !== undefined && typeof fields[key] !== 'string')
      throw badRequest(`Invalid value for ${key}`);
  if (
    fields.transparency !== undefined &&
    fields.transparency !== 'opaque' &&
    fields.transparency !== 'transparent'
  )
    throw badRequest('Invalid transparency value.');
  let attendees: Json[] | undefined;
  if (fields.attendees !== undefined) {
    if (!Array.isArray(fields.attendees)) throw badRequest('Invalid attendees value.');
    attendees = fields.attendees.map((attendee: unknown) => {
      if (!isObject(attendee) || typeof attendee.email !== 'string' || !attendee.email.includes('@'))
        throw badRequest('Missing attendee email.', 'required');
      return { responseStatus: 'needsAction', ...attendee };
    });
  }
  if (fields.extendedProperties !== undefined) {
    const properties = fields.extendedProperties;
    const valid =
      isObject(properties) &&
      Object.entries(properties).every(
        ([kind, values]) =>
          (kind === 'private' || kind === 'shared') &&
          isObject(values) &&
          Object.values(values).every((value) => typeof value === 'string'),
      );
    if (!valid) throw badRequest('Invalid extendedProperties value.');
  }
  let status: StoredEvent['status'] | undefined;
  if (fields.status !== undefined) {
    if (fields.status !== 'confirmed' && fields.status !== 'tentative' && fields.status !== 'cancelled')
      throw badRequest('Invalid status value.');
    status = fields.status;
  }
  const { status: _status, ...rest } = fields;
  return {
    fields: { ...rest, start: start.time, end: end.time, ...(attendees ? { attendees } : {}) },
    startMs: start.ms,
    endMs: end.ms,
    ...(status ? { status } : {}),
  };
};

export const privateProperties = (event: StoredEvent): Json => {
  const properties = event.fields.extendedProperties;
  return isObject(properties) && isObject(properties.private) ? properties.private : {};
};

export const sharedProperties = (event: StoredEvent): Json => {
  const properties = event.fields.extendedProperties;
  return isObject(properties) && isObject(properties.shared) ? properties.shared : {};
};

export const etagOf = (event: StoredEvent) => `"${event.updated}${String(event.changeSeq).padStart(6, '0')}"`;

/** Control-endpoint times: an RFC 3339 string, or an event time object as the API takes it. */
export const controlTime = (value: unknown): unknown =>
  typeof value === 'string' ? { dateTime: value, timeZone: calendarZone } : value;

// ---------------------------------------------------------------------------------------------------
// The stand-in

export interface ListQuery {
  readonly showDeleted: boolean;
  readonly maxResults: number;
  readonly syncSeq?: number;
  readonly timeMin?: number;
  readonly timeMax?: number;
  readonly updatedMin?: number;
  readonly orderBy?: 'startTime' | 'updated';
  readonly privateProperties: readonly [string, string][];
  readonly sharedProperties: readonly [string, string][];
  readonly text?: string;
  readonly iCalUID?: string;
}

/** Query parameters Google refuses next to a sync token. */
export const notWithSyncToken = [
  'timeMin',
  'timeMax',
  'updatedMin',
  'orderBy',
  'q',
  'iCalUID',
  'privateExtendedProperty',
  'sharedExtendedProperty',
];

export interface ApiRoute {
  readonly operation: Exclude<GoogleOperation, 'token'>;
  readonly calendarId?: string;
  readonly eventId?: string;
}

/** Calendar v3 paths (after `/calendar/v3`) to operations. */
export const routeApi = (method: string, segments: string[]): ApiRoute | undefined => {
  const [first, second, third, fourth, ...more] = segments;
  if (more.length > 0) return undefined;
  if (first === 'users' && second === 'me' && third === 'calendarList' && method === 'GET')
    return fourth === undefined
      ? { operation: 'calendarList' }
      : { operation: 'calendarList', calendarId: fourth };
  if (first === 'freeBusy' && second === undefined && method === 'POST') return { operation: 'freeBusy' };
  if (first !== 'calendars' || second === undefined || third !== 'events') return undefined;
  if (fourth === undefined) {
    if (method === 'GET') return { operation: 'events.list', calendarId: second };
    if (method === 'POST') return { operation: 'events.insert', calendarId: second };
    return undefined;
  }
  const operations: Record<string, ApiRoute['operation']> = {
    GET: 'events.get',
    PATCH: 'events.patch',
    PUT: 'events.update',
    DELETE: 'events.delete',
  };
  const operation = operations[method];
  return operation ? { operation, calendarId: second, eventId: fourth } : undefined;
};

export const calendarListEntry = (calendar: CalendarDefinition): Json => ({
  kind: 'calendar#calendarListEntry',
  etag: `"local-${calendar.colorId}"`,
  id: calendar.id,
  summary: calendar.summary,
  description: calendar.description,
  timeZone: calendarZone,
  colorId: calendar.colorId,
  backgroundColor: calendar.backgroundColor,
  foregroundColor: '#000000',
  selected: true,
  accessRole: calendar.accessRole,
  defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
  ...(calendar.primary ? { primary: true } : {}),
  conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
});

export const matchesQuery = (event: StoredEvent, query: ListQuery): boolean => {
  if (query.syncSeq !== undefined) return event.changeSeq > query.syncSeq;
  // Since updatedMin, deleted events are listed whatever showDeleted says, as at Google.
  const changedSince = query.updatedMin !== undefined;
  if (changedSince && event.updated < query.updatedMin!) return false;
  if (event.status === 'cancelled' && !query.showDeleted && !changedSince) return false;
  if (query.timeMin !== undefined && event.endMs <= query.timeMin) return false;
  if (query.timeMax !== undefined && event.startMs >= query.timeMax) return false;
  if (query.iCalUID !== undefined && `${event.id}@portico.localhost` !== query.iCalUID) return false;
  const own = privateProperties(event);
  if (!query.privateProperties.every(([key, value]) => own[key] === value)) return false;
  const shared = sharedProperties(event);
  if (!query.sharedProperties.every(([key, value]) => shared[key] === value)) return false;
  if (query.text !== undefined) {
    const { summary, description, location } = event.fields;
    const haystack = [summary, description, location].filter((v) => typeof v === 'string').join('\n');
    if (!haystack.toLowerCase().includes(query.text)) return false;
  }
  return true;
};
