export interface CalendarEvent {
  readonly uid: string;
  readonly sequence: number;
  readonly startUtc: string;
  readonly endUtc: string;
  readonly summary: string;
  readonly description: string;
  readonly location: string;
  readonly url: string | null;
  readonly updatedAt: string;
}

export const escapeText = (value: string): string =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');

const utcStamp = (iso: string) => `${new Date(iso).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;

const encoder = new TextEncoder();

/** Splits a content line into 75-octet pieces; continuation lines begin with one space (which counts). */
export const foldLine = (line: string): string => {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
};

const eventLines = (event: CalendarEvent, now: string) => [
  'BEGIN:VEVENT',
  `UID:${event.uid}`,
  `SEQUENCE:${event.sequence}`,
  `DTSTAMP:${utcStamp(now)}`,
  `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
  `DTSTART:${utcStamp(event.startUtc)}`,
  `DTEND:${utcStamp(event.endUtc)}`,
  `SUMMARY:${escapeText(event.summary)}`,
  ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
  ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
  ...(event.url ? [`URL:${event.url}`] : []),
  'END:VEVENT',
];

export const renderCalendar = (
  name: string,
  events: readonly CalendarEvent[],
  now = new Date().toISOString(),
): string =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Portico//Events//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((event) => eventLines(event, now)),
    'END:VCALENDAR',
  ]
    .map(foldLine)
    .join('\r\n')
    .concat('\r\n');
