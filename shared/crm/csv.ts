export type CsvValue = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export const csvCell = (value: CsvValue): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const csvRow = (values: readonly CsvValue[]): string => `${values.map(csvCell).join(',')}\r\n`;

export const toCsv = (rows: readonly (readonly CsvValue[])[]): string => rows.map(csvRow).join('');
