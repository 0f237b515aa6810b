import type { Money } from '../../../shared/crm/contracts';

/**
 * Money as the API keeps it (an integer count of the currency's minor unit) and as people read and type
 * it. The minor unit comes from `Intl`: two digits for USD and EUR, none for JPY, three for BHD.
 */

const formatters = new Map<string, Intl.NumberFormat>();

const formatterFor = (currency: string, locale: string | undefined): Intl.NumberFormat => {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
};

/** How many digits the currency's minor unit has. */
export const minorDigits = (currency: string): number =>
  formatterFor(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;

/** "$1,649.00", "1.649,00 €", in the reader's locale unless one is given. */
export const formatMoney = (money: Money, locale?: string): string => {
  try {
    return formatterFor(money.currency, locale).format(money.amountMinor / 10 ** minorDigits(money.currency));
  } catch {
    // A code this browser does not know: still say the amount.
    return `${(money.amountMinor / 100).toFixed(2)} ${money.currency}`;
  }
};

/** An amount for an input box: `1649.00` (a dot, no grouping), so it reads back the same. */
export const amountInputValue = (money: Money): string => {
  const digits = minorDigits(money.currency);
  const text = String(money.amountMinor).padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
};

export type ParsedAmount =
  | { readonly ok: true; readonly amountMinor: number }
  | { readonly ok: false; readonly message: string };

/**
 * Reads a typed amount into minor units without floating point: `1,649.50`, `1649.5`, `1.649,50`,
 * `1649,5` and `1 649` all work. With one kind of separator, a comma followed by exactly three digits
 * groups thousands; otherwise the last separator marks the decimals.
 */
export const parseAmount = (input: string, currency: string): ParsedAmount => {
  const invalid = { ok: false, message: 'An amount such as 180 or 180.50' } as const;
  const digits = minorDigits(currency);
  const text = input.replace(/[\s\u00a0\u202f']/g, '');
  if (text === '') return { ok: false, message: 'Required' };
  if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return invalid;
  const hasDot = text.includes('.');
  const hasComma = text.includes(',');
  let decimal: '.' | ',' | null = null;
  if (hasDot && hasComma) decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ',';
  else if (hasComma) decimal = text.split(',').length === 2 && !/,\d{3}$/.test(text) ? ',' : null;
  else if (hasDot) decimal = text.split('.').length === 2 ? '.' : null;
  const cut = decimal ? text.lastIndexOf(decimal) : text.length;
  const whole = text.slice(0, cut);
  const fraction = text.slice(cut + 1);
  const grouping = decimal === ',' ? '.' : decimal === '.' ? ',' : hasComma ? ',' : '.';
  const groups = whole.split(grouping);
  const grouped =
    groups.length === 1 ||
    groups.every((group, index) => (index === 0 ? /^\d{1,3}$/ : /^\d{3}$/).test(group));
  if (!grouped || !/^\d+$/.test(groups.join(''))) return invalid;
  if (fraction.length > digits)
    return {
      ok: false,
      message:
        digits === 0 ? `${currency} has no smaller unit: a whole number` : `At most ${digits} decimals`,
    };
  const amountMinor = Number(`${groups.join('')}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(amountMinor) || amountMinor > 100_000_000_000)
    return { ok: false, message: 'That is more than Portico can keep' };
  return { ok: true, amountMinor };
};

/** Currency codes this browser knows, for a picker; the given ones first. */
export const currencyOptions = (first: readonly string[]): string[] => {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  return [...new Set([...first, ...known])];
};
