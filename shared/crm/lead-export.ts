import { utcToLocal } from '../time/zones';
import { loadOrganization } from './changes';
import { type ExportLeadsQuery, exportRowsPerPart } from './contracts';
import { csvRow } from './csv';
import { leadIdBounds } from './leads';
import * as crm from './repository';
import { searchTerm } from './rules';

const exportColumns = (timeZone: string) => [
  `Created (${timeZone})`,
  'Name',
  'Email',
  'Phone',
  'Source',
  'Status',
  'Service wanted',
  'Message',
  'Notes',
  'Jobs',
  'Lead id',
];

/**
 * One part of the CSV export: at most `exportRowsPerPart` leads from one page read (with the caller's
 * authentication and the organization, three round trips). A filtered part may hold fewer rows and still
 * have a cursor. The first part starts with the header row; later parts (asked for with the previous
 * part's cursor) do not, so the parts concatenate into one file.
 */
export const exportLeads = async (orgId: string, query: ExportLeadsQuery) => {
  const org = await loadOrganization(orgId);
  const page = await crm.listLeads({
    orgId,
    status: query.status,
    source: query.source,
    search: query.q ? searchTerm(query.q) : undefined,
    ...leadIdBounds(org.timeZone, query.from, query.to),
    limit: exportRowsPerPart,
    cursor: query.cursor,
  });
  const header = query.cursor ? '' : csvRow(exportColumns(org.timeZone));
  const rows = page.items.map((lead) =>
    csvRow([
      utcToLocal(lead.createdAt, org.timeZone).replace('T', ' '),
      lead.name,
      lead.email,
      lead.phone,
      lead.source,
      lead.status,
      lead.serviceWanted,
      lead.message,
      lead.notes,
      lead.jobIds.length,
      lead.id,
    ]),
  );
  return {
    csv: header + rows.join(''),
    fileName: `leads-${org.slug}-${new Date().toISOString().slice(0, 10)}.csv`,
    nextCursor: page.nextCursor,
  };
};
