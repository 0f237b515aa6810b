import { describe, expect, it } from 'vitest';
import {
  characterCount,
  documentText,
  multiLineText,
  requiredSingleLineText,
  secretText,
  singleLineText,
  webUrl,
} from './text';

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('single-line text', () => {
  const name = requiredSingleLineText(5);

  it('is trimmed and NFC-normalized, so the same name is stored the same way however it was typed', () => {
    expect(name.parse('  Zoë  ')).toBe('Zoë');
    expect(name.parse('Zoe\u0308')).toBe('Zo\u00eb');
  });

  it('counts characters, not UTF-16 units: five emoji fit in five', () => {
    expect(name.parse('😀😀😀😀😀')).toBe('😀😀😀😀😀');
    expect(messagesOf(name.safeParse('😀😀😀😀😀😀'))).toEqual(['At most 5 characters']);
    expect(characterCount('e\u0301😀')).toBe(3);
  });

  it('refuses a lone surrogate with one message that says what is wrong', () => {
    for (const broken of ['\ud800', 'a\udc00', '\udbff\ud800'])
      expect(messagesOf(name.safeParse(broken))).toEqual([expect.stringMatching(/lone UTF-16 surrogate/)]);
  });

  it('refuses CR, LF, tab, NUL, other C0 and C1 controls and the Unicode line separators', () => {
    for (const bad of ['a\nb', 'a\rb', 'a\tb', 'a\u0000', 'a\u001bb', 'a\u0085b', 'a\u2028b'])
      expect(messagesOf(name.safeParse(bad)), JSON.stringify(bad)).toEqual([
        expect.stringMatching(/one line/),
      ]);
  });

  it('may be empty unless required', () => {
    expect(singleLineText(5).parse('   ')).toBe('');
    expect(messagesOf(name.safeParse('   '))).toEqual(['Required']);
  });
});

describe('multi-line text', () => {
  const notes = multiLineText(40);

  it('keeps line feeds and tabs, and turns CRLF, CR and the Unicode separators into line feeds', () => {
    expect(notes.parse('one\r\ntwo\rthree\u2028four\tfive')).toBe('one\ntwo\nthree\nfour\tfive');
  });

  it('refuses NUL and the other control characters', () => {
    for (const bad of ['a\u0000b', 'a\u000bb', 'a\u007fb'])
      expect(messagesOf(notes.safeParse(bad))).toEqual([expect.stringMatching(/control characters/)]);
  });

  it('refuses a lone surrogate', () => {
    expect(notes.safeParse('line\n\ud800').success).toBe(false);
  });
});

describe('documents', () => {
  const checklist = documentText(16, { required: true });

  it('keep their bytes: CRLF, a byte-order mark, leading and trailing space', () => {
    expect(checklist.parse('\ufeff* [ ] a\r\n ')).toBe('\ufeff* [ ] a\r\n ');
  });

  it('are limited in length, and refused when empty, broken or carrying NUL', () => {
    expect(messagesOf(checklist.safeParse('a'.repeat(17)))).toEqual(['At most 16 characters']);
    expect(messagesOf(checklist.safeParse(''))).toEqual(['Required']);
    expect(checklist.safeParse('a\ud800').success).toBe(false);
    expect(checklist.safeParse('a\u0000').success).toBe(false);
  });
});

describe('secrets', () => {
  const password = secretText(12, 16);

  it('are kept exactly as typed, spaces included', () => {
    expect(password.parse(' correct horse ')).toBe(' correct horse ');
  });

  it('refuse line breaks, NUL and lone surrogates, and count characters', () => {
    expect(password.safeParse('correct\nhorse1').success).toBe(false);
    expect(password.safeParse('correct\u0000horse').success).toBe(false);
    expect(password.safeParse('correct horse\ud800').success).toBe(false);
    expect(messagesOf(password.safeParse('😀'.repeat(11)))).toEqual(['At least 12 characters']);
  });
});

describe('web links', () => {
  const link = webUrl();
  const pageLink = webUrl({ allowHttp: true });

  it('take https links as typed', () => {
    expect(link.parse(' https://x.com/brightside ')).toBe('https://x.com/brightside');
    expect(link.parse('https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d');
  });

  it('refuse what the URL parser refuses, without throwing', () => {
    for (const bad of [
      'not a url',
      'https://',
      'https://exa mple.com',
      'https://x.com:99999/',
      'https://%zz',
    ])
      expect(link.safeParse(bad).success, bad).toBe(false);
  });

  it('refuse other schemes, credentials, hosts without a dot and hidden line breaks', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.com/file',
      'http://example.com',
      'https://user:secret@example.com/',
      'https://localhost/',
      'https://x.com\n/a',
      `https://example.com/${'a'.repeat(2048)}`,
    ])
      expect(link.safeParse(bad).success, bad).toBe(false);
  });

  it('take http only where allowed', () => {
    expect(pageLink.parse('http://example.com/landing')).toBe('http://example.com/landing');
    expect(pageLink.safeParse('javascript:alert(1)').success).toBe(false);
  });
});
