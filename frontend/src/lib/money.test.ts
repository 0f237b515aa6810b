import { describe, expect, it } from 'vitest';
import { amountInputValue, formatMoney, minorDigits, parseAmount } from './money';

describe('minorDigits', () => {
  it('knows cents, yen and fils', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });
});

describe('formatMoney', () => {
  it('formats minor units in the currency and locale', () => {
    expect(formatMoney({ amountMinor: 164900, currency: 'USD' }, 'en-US')).toBe('$1,649.00');
    expect(formatMoney({ amountMinor: 164950, currency: 'EUR' }, 'de-DE')).toBe('1.649,50\u00a0€');
    expect(formatMoney({ amountMinor: 1500, currency: 'JPY' }, 'en-US')).toBe('¥1,500');
  });
});

describe('amountInputValue', () => {
  it('writes minor units back as a plain decimal', () => {
    expect(amountInputValue({ amountMinor: 164950, currency: 'USD' })).toBe('1649.50');
    expect(amountInputValue({ amountMinor: 5, currency: 'USD' })).toBe('0.05');
    expect(amountInputValue({ amountMinor: 1500, currency: 'JPY' })).toBe('1500');
    expect(amountInputValue({ amountMinor: 1234, currency: 'BHD' })).toBe('1.234');
  });

  it('reads back what it writes', () => {
    for (const amountMinor of [0, 1, 99, 100, 164950, 99_999_999_999])
      expect(parseAmount(amountInputValue({ amountMinor, currency: 'USD' }), 'USD')).toEqual({
        ok: true,
        amountMinor,
      });
  });
});

describe('parseAmount', () => {
  it.each([
    ['1649', 164900],
    ['1649.5', 164950],
    ['1,649.50', 164950],
    ['1.649,50', 164950],
    ['1649,5', 164950],
    ['1,649', 164900],
    ['1 649', 164900],
    ['1,234,567.89', 123456789],
    ['1.234.567', 123456700],
    ['0.05', 5],
  ])('reads %s as %i cents', (input, amountMinor) => {
    expect(parseAmount(input, 'USD')).toEqual({ ok: true, amountMinor });
  });

  it.each(['', 'abc', '-5', '12.', '1.2.3,4,5', '12,34,5', '1e5', '$12'])('refuses %j', (input) => {
    expect(parseAmount(input, 'USD').ok).toBe(false);
  });

  it('refuses more decimals than the currency has', () => {
    expect(parseAmount('10.505', 'USD')).toEqual({ ok: false, message: 'At most 2 decimals' });
    expect(parseAmount('1500.5', 'JPY')).toEqual({
      ok: false,
      message: 'JPY has no smaller unit: a whole number',
    });
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, amountMinor: 1500 });
    expect(parseAmount('1.234', 'BHD')).toEqual({ ok: true, amountMinor: 1234 });
  });

  it('refuses more than the API keeps', () => {
    expect(parseAmount('1000000001', 'USD').ok).toBe(false);
    expect(parseAmount('1000000000', 'USD')).toEqual({ ok: true, amountMinor: 100_000_000_000 });
  });
});
