import type { LeadItem } from '../crm';
import { appLink } from '../email/links';
import { GoogleForbiddenError, GoogleNotFoundError, GoogleRequestRefusedError } from '../google/errors';
import type { OrganizationView } from '../organizations/contracts';
import { utcToLocal } from '../time/zones';
import { loadWorkspace, WorkspaceRevokedError, withWorkspace } from '../workspace';
import { type AutomationSettings, spreadsheetIdOf } from './contracts';
import * as runStore from './run-repository';
import { recipientHash } from './schedule';

/**
 * Lead Capture's Google Sheets row: each lead appended to a sheet of the organization's own Google
 * Workspace, at most once per run (a claim like an email's), stored as text (`RAW`, so nothing a visitor
 * typed becomes a formula).
 */

export interface SheetRowResult {
  /** True when the row is in the sheet (now or by an earlier attempt of this run). */
  readonly written: boolean;
  /** For the run's detail line. */
  readonly detail: string;
}

/** A row Google Sheets refused, with what to fix; the run fails and can be retried after the fix. */
export class SheetRowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetRowError';
  }
}

const sourceWords: Record<LeadItem['source'], string> = {
  form: 'Lead form',
  embed: 'Website form',
  manual: 'Added by the team',
  import: 'Import',
};

/** The columns: received (the organization's clock), name, email, phone, service, message, source, link. */
export const leadRow = (org: OrganizationView, lead: LeadItem): string[] => [
  utcToLocal(lead.createdAt, org.timeZone).replace('T', ' '),
  lead.name,
  lead.email ?? '',
  lead.phone ?? '',
  lead.serviceWanted,
  lead.message,
  sourceWords[lead.source],
  appLink('lead', { leadId: lead.id }),
];

/** The claim key of a run's row: one per run, next to its recipients' send guards. */
const rowClaim = recipientHash('google-sheets-row');

const explain = (error: unknown, account: string, range: string): unknown => {
  if (error instanceof GoogleNotFoundError)
    return new SheetRowError(
      `The Google Sheet was not found: check the spreadsheet link, and that ${account} can open it`,
    );
  if (error instanceof GoogleForbiddenError)
    return new SheetRowError(`${account} may not edit the Google Sheet: share it with that account`);
  if (error instanceof GoogleRequestRefusedError)
    return new SheetRowError(`Google Sheets refused the row for "${range}": ${error.message}`);
  return error;
};

/**
 * Appends the lead when the organization connected Google Workspace and set a spreadsheet. Google not
 * answering, or refusing the sheet, throws (the run fails and is retried); a revoked grant writes
 * nothing and says so (a retry could not fix it; the owners are told to reconnect).
 */
export const appendLeadRow = async (
  run: { orgId: string; id: string },
  org: OrganizationView,
  lead: LeadItem,
  settings: AutomationSettings['leadCapture']['googleSheetsRow'],
): Promise<SheetRowResult> => {
  const workspace = await loadWorkspace(org.id);
  if (!workspace)
    return { written: false, detail: 'Google Sheets row not written: needs a Google Workspace connection' };
  const spreadsheetId = settings.spreadsheetUrl ? spreadsheetIdOf(settings.spreadsheetUrl) : null;
  if (!spreadsheetId)
    return { written: false, detail: 'Google Sheets row not written: no spreadsheet is set' };
  // A1 without a sheet name is the spreadsheet's first sheet.
  const range = settings.range ?? 'A1';
  if ((await runStore.claimSend(org.id, run.id, rowClaim, new Date().toISOString())) === 'taken')
    return { written: true, detail: 'Google Sheets row added before' };
  try {
    const appended = await withWorkspace(workspace, (client) =>
      client.appendRow(spreadsheetId, range, leadRow(org, lead)),
    );
    await runStore.confirmSend(org.id, run.id, rowClaim, appended.updatedRange ?? range);
    return {
      written: true,
      detail: `Google Sheets row added${appended.updatedRange ? ` (${appended.updatedRange})` : ''}`,
    };
  } catch (error) {
    await runStore.releaseSend(org.id, run.id, rowClaim);
    if (error instanceof WorkspaceRevokedError)
      return {
        written: false,
        detail: `Google Sheets row not written: Google revoked the access to ${error.account}`,
      };
    throw explain(error, workspace.connection.account, range);
  }
};
