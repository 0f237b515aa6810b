import { describe, expect, it } from 'vitest';
import { parseMailFrom } from './constructs/email';

describe('parseMailFrom', () => {
  it('takes the address and its domain from a bare address', () => {
    expect(parseMailFrom('no-reply@mail.example.com')).toEqual({
      address: 'no-reply@mail.example.com',
      domain: 'mail.example.com',
    });
  });

  it('takes the address out of a display-name form and lower-cases it', () => {
    expect(parseMailFrom('Portico Team <No-Reply@Example.COM>')).toEqual({
      address: 'no-reply@example.com',
      domain: 'example.com',
    });
  });

  it.each(['', 'portico', 'no-reply@', '@example.com', 'no-reply@localhost', 'a@b.com, c@d.com'])(
    'rejects %j',
    (value) => {
      expect(() => parseMailFrom(value)).toThrow(/mailFrom must be an email address/);
    },
  );
});
