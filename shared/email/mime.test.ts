import { describe, expect, it } from 'vitest';
import { parseMimeMessage } from '../../infra/local/mime-parse';
import { buildMimeMessage, encodeWords, formatAddress, HeaderInjectionError } from './mime';

const message = {
  from: 'Brightside Plumbing via Portico <no-reply@portico.test>',
  to: ['ada@example.com'],
  subject: 'Erinnerung: Heizungswartung am Dienstag, 4. Mai – 09:30 Uhr 🔧',
  text: 'Hallo Ada,\n\nbis Dienstag! Grüße',
  html: '<p>Hallo Ada, <strong>bis Dienstag</strong>! Grüße</p>',
  headers: {
    'List-Unsubscribe': '<https://portico.test/api/unsubscribe?token=abc.def>',
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  },
  date: new Date('2026-05-01T10:00:00Z'),
  boundary: 'b1',
};

describe('buildMimeMessage', () => {
  it('builds a multipart/alternative message whose text, HTML, subject and headers read back unchanged', () => {
    const raw = buildMimeMessage(message);
    const parsed = parseMimeMessage(raw);

    expect(parsed.headers.subject).toBe(message.subject);
    expect(parsed.headers['list-unsubscribe']).toBe('<https://portico.test/api/unsubscribe?token=abc.def>');
    expect(parsed.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(parsed.headers['mime-version']).toBe('1.0');
    expect(parsed.headers.date).toBe('Fri, 01 May 2026 10:00:00 +0000');
    expect(parsed.text).toBe(message.text);
    expect(parsed.html).toBe(message.html);
    expect(parsed.headers.from).toBe('"Brightside Plumbing via Portico" <no-reply@portico.test>');
  });

  it('keeps every line within 78 characters and 7-bit, as RFC 5322 asks', () => {
    const raw = buildMimeMessage({ ...message, text: 'ü'.repeat(500), subject: 'ß'.repeat(80) });
    for (const line of raw.split('\r\n')) {
      expect(line.length).toBeLessThanOrEqual(78);
      expect(/^[\x20-\x7e\t]*$/.test(line), line).toBe(true);
    }
  });

  it('refuses a header or subject with a line break, so nobody can inject headers', () => {
    expect(() => buildMimeMessage({ ...message, subject: 'Hi\r\nBcc: victim@example.com' })).toThrow(
      HeaderInjectionError,
    );
    expect(() => buildMimeMessage({ ...message, headers: { 'Reply-To': 'a@b.c\nBcc: x@y.z' } })).toThrow(
      HeaderInjectionError,
    );
  });
});

describe('addresses and encoded words', () => {
  it('quote ASCII display names and encode the others', () => {
    expect(formatAddress('Acme, Inc <a@b.co>')).toBe('"Acme, Inc" <a@b.co>');
    expect(formatAddress('a@b.co')).toBe('a@b.co');
    expect(formatAddress('Müller GmbH <a@b.co>')).toMatch(/^=\?UTF-8\?B\?.+\?= <a@b\.co>$/);
    expect(encodeWords('plain')).toBe('plain');
  });
});
