import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar } from './ics';

const event = {
  uid: '01J00000000000000000000000@portico',
  sequence: 2,
  startUtc: '2027-03-04T08:30:00.000Z',
  endUtc: '2027-03-04T09:15:00.000Z',
  summary: 'Keynote; the future, today',
  description: 'Line one\nLine two with a back\\slash',
  location: 'Hall A, Kongresshalle',
  url: 'https://portico.test/s/1',
  updatedAt: '2027-01-02T03:04:05.000Z',
};

describe('an iCalendar file', () => {
  it('escapes text per RFC 5545', () => {
    expect(escapeText('a,b;c\\d\ne\r\nf')).toBe('a\\,b\\;c\\\\d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(60)}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(lines.map((line, i) => (i ? line.slice(1) : line)).join('')).toBe(`SUMMARY:${'é'.repeat(60)}`);
  });

  it('carries a stable UID, the sequence and UTC times, with CRLF line ends', () => {
    const ics = renderCalendar('Summit', [event], '2027-02-01T00:00:00.000Z');
    expect(ics).toContain('\r\nUID:01J00000000000000000000000@portico\r\n');
    expect(ics).toContain('\r\nSEQUENCE:2\r\n');
    expect(ics).toContain('\r\nDTSTART:20270304T083000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20270304T091500Z\r\n');
    expect(ics).toContain('\r\nDTSTAMP:20270201T000000Z\r\n');
    expect(ics).toContain('SUMMARY:Keynote\\; the future\\, today');
    expect(ics).toContain('DESCRIPTION:Line one\\nLine two with a back\\\\slash');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });
});
