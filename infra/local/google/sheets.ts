import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorResponse } from '../ses';
import { badRequest, GoogleApiError, json, notFound } from './http';
import type { LocalGoogleOAuth } from './oauth';
import { localGoogleAccount, type StoredSheet, type StoredSpreadsheet } from './state';
import type { GoogleStore } from './store';
import { type Json, readJsonBody } from './values';

/** Sheets v4 `values.append`: rows are kept per spreadsheet and sheet. */
export class LocalSheets {
  constructor(
    private readonly store: GoogleStore,
    private readonly oauth: LocalGoogleOAuth,
  ) {}

  /**
   * `spreadsheets.values.append`. A spreadsheet id seen for the first time is a new spreadsheet of the
   * account writing to it, with one sheet, `Sheet1`; other accounts may not write to it.
   */
  async handle(
    method: string,
    apiPath: string,
    url: URL,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<EmulatorResponse> {
    const match = /^\/([^/]+)\/values\/([^/]+):append$/.exec(apiPath);
    if (!match || method !== 'POST') throw notFound();
    const faulted = await this.store.fault('sheets.append');
    if (faulted) return faulted;
    const grant = this.oauth.authenticate(headers, 'sheets.append');
    const account = grant.account ?? localGoogleAccount;
    const spreadsheetId = decodeURIComponent(match[1]!);
    const range = decodeURIComponent(match[2]!);
    const q = url.searchParams;
    const inputOption = q.get('valueInputOption');
    if (inputOption === null) throw badRequest("'valueInputOption' is required but not specified");
    if (inputOption !== 'RAW' && inputOption !== 'USER_ENTERED')
      throw badRequest(`Invalid value at 'value_input_option' (${inputOption})`);
    const insertOption = q.get('insertDataOption') ?? 'OVERWRITE';
    if (insertOption !== 'OVERWRITE' && insertOption !== 'INSERT_ROWS')
      throw badRequest(`Invalid value at 'insert_data_option' (${insertOption})`);
    const input = readJsonBody(body);
    const rows = cellRows(input);
    const spreadsheet = this.spreadsheet(spreadsheetId, account);
    if (spreadsheet.account !== account)
      throw new GoogleApiError(403, 'The caller does not have permission', 'forbidden');
    const target = parseRange(range, spreadsheet);
    if (!target) throw badRequest(`Unable to parse range: ${range}`);
    const { sheet, column } = target;
    const before = sheet.rows.length;
    for (const row of rows) sheet.rows.push([...Array<string>(column).fill(''), ...row]);
    this.store.save();
    const width = Math.max(1, ...rows.map((row) => row.length));
    const name = sheetReference(sheet.title);
    const updatedRange = `${name}!${columnName(column)}${before + 1}:${columnName(column + width - 1)}${before + rows.length}`;
    return json(200, {
      spreadsheetId,
      ...(before > 0
        ? {
            tableRange: `${name}!A1:${columnName(Math.max(0, ...sheet.rows.slice(0, before).map((r) => r.length - 1)))}${before}`,
          }
        : {}),
      updates: {
        spreadsheetId,
        updatedRange,
        updatedRows: rows.length,
        updatedColumns: width,
        updatedCells: rows.reduce((sum, row) => sum + row.length, 0),
      },
    });
  }

  spreadsheet(id: string, account: string): StoredSpreadsheet {
    let spreadsheet = this.store.state.spreadsheets.find((candidate) => candidate.id === id);
    if (!spreadsheet) {
      spreadsheet = { id, account, sheets: [{ title: 'Sheet1', rows: [] }] };
      this.store.state.spreadsheets.push(spreadsheet);
    }
    return spreadsheet;
  }
}

/** An append's `values`: a list of rows of scalars, each cell kept as the string Sheets would show. */
export const cellRows = (input: Json): string[][] => {
  const { values, majorDimension = 'ROWS' } = input;
  if (majorDimension !== 'ROWS' && majorDimension !== 'COLUMNS')
    throw badRequest(`Invalid value at 'data.major_dimension' (${String(majorDimension)})`);
  if (!Array.isArray(values) || values.length === 0) throw badRequest('Invalid values[]: no rows given');
  const grid = values.map((row: unknown) => {
    if (!Array.isArray(row)) throw badRequest('Invalid values[]: each row must be a list');
    return row.map((cell: unknown) => {
      if (cell === null) return '';
      if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean')
        return String(cell);
      throw badRequest('Invalid values[]: cells must be strings, numbers or booleans');
    });
  });
  if (majorDimension === 'ROWS') return grid;
  const height = Math.max(...grid.map((column) => column.length));
  return Array.from({ length: height }, (_, r) => grid.map((column) => column[r] ?? ''));
};

export const columnName = (index: number): string => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

export const columnIndex = (letters: string): number =>
  [...letters.toUpperCase()].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;

/** A sheet title as a range names it: quoted when it is not a plain word. */
export const sheetReference = (title: string) =>
  /^[A-Za-z0-9_]+$/.test(title) ? title : `'${title.replaceAll("'", "''")}'`;

/**
 * Which sheet and first column an append's range means: `Sheet`, `'My sheet'!B2:D`, or just cells
 * (`A1`, `C:F`) on the first sheet. Undefined for a sheet the spreadsheet does not have.
 */
export const parseRange = (
  range: string,
  spreadsheet: StoredSpreadsheet,
): { sheet: StoredSheet; column: number } | undefined => {
  const cells = /^([A-Za-z]{1,3})\d*(?::[A-Za-z]{0,3}\d*)?$/;
  const qualified = /^(?:'((?:[^']|'')+)'|([^!']+))(?:!(.+))?$/.exec(range.trim());
  const firstSheet = spreadsheet.sheets[0]!;
  if (cells.test(range.trim()) && !spreadsheet.sheets.some((sheet) => sheet.title === range.trim()))
    return { sheet: firstSheet, column: columnIndex(cells.exec(range.trim())![1]!) };
  if (!qualified) return undefined;
  const title = qualified[1]?.replaceAll("''", "'") ?? qualified[2]!;
  const sheet = spreadsheet.sheets.find((candidate) => candidate.title === title);
  if (!sheet) return undefined;
  if (qualified[3] === undefined) return { sheet, column: 0 };
  const part = cells.exec(qualified[3]);
  return part ? { sheet, column: columnIndex(part[1]!) } : undefined;
};
