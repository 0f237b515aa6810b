const prefix = 'portico';

const hexOf = (orgId: string, id: string) => Buffer.from(`${orgId}.${id}`).toString('hex');

export const eventIdFor = (orgId: string, bookingId: string): string => `${prefix}${hexOf(orgId, bookingId)}`;

/**
 * A job's event in its organization's own calendar. `job` is base32hex but not hex, so a job's event never
 * reads as a booking's, even in a calendar booking also watches.
 */
export const jobEventIdFor = (orgId: string, jobId: string): string => `${prefix}job${hexOf(orgId, jobId)}`;

/** The booking behind an event id Portico made; undefined for every other event. */
export const bookingOfEvent = (eventId: string): { orgId: string; bookingId: string } | undefined => {
  if (!eventId.startsWith(prefix) || !/^[0-9a-f]+$/.test(eventId.slice(prefix.length))) return undefined;
  const [orgId, bookingId, ...rest] = Buffer.from(eventId.slice(prefix.length), 'hex')
    .toString('utf8')
    .split('.');
  const ulid = /^[0-9A-HJKMNP-TV-Z]{26}$/;
  if (rest.length || !orgId || !bookingId || !ulid.test(orgId) || !ulid.test(bookingId)) return undefined;
  return { orgId, bookingId };
};
