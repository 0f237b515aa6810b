import { chatStatsRoutes, type networkingTables } from '../../../shared/chat/stats-contracts';
import { analyticsRoutes, type analyticsTables } from '../../../shared/conferences/analytics-contracts';
import { type AttendeeFilter, attendeeRoutes } from '../../../shared/conferences/attendee-contracts';
import { sponsorLeadRoutes } from '../../../shared/conferences/sponsor-lead-contracts';
import { fetchFile } from './api';
import { collectCsvParts } from './csv-parts';
import { saveFile } from './download';

type Params = { readonly orgId: string; readonly conferenceId: string };

const download = async (
  fetchPart: (cursor: string | undefined) => ReturnType<typeof fetchFile>,
  fallback: string,
) => {
  let fileName: string | null = null;
  const csv = await collectCsvParts(async (cursor) => {
    const file = await fetchPart(cursor);
    fileName ??= file.fileName;
    return { text: await file.blob.text(), nextCursor: file.headers.get('x-next-cursor') };
  });
  saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName ?? fallback);
};

/** The attendee list with its filters as one CSV file (the API answers in parts; all are joined). */
export const downloadAttendeesCsv = (params: Params, filter: AttendeeFilter) =>
  download(
    (cursor) => fetchFile(attendeeRoutes.exportRegistrations, { params, query: { ...filter, cursor } }),
    'attendees.csv',
  );

/** One analytics table as a CSV file. */
export const downloadAnalyticsCsv = (params: Params, table: (typeof analyticsTables)[number]) =>
  download(
    (cursor) => fetchFile(analyticsRoutes.exportAnalytics, { params, query: { table, cursor } }),
    `${table}.csv`,
  );

/** One networking table (rooms, days, people) as a CSV file. */
export const downloadNetworkingCsv = (params: Params, table: (typeof networkingTables)[number]) =>
  download(
    () => fetchFile(chatStatsRoutes.exportNetworking, { params, query: { table } }),
    `networking-${table}.csv`,
  );

/** A sponsor's leads as one CSV file, for its representatives and the organizers. */
export const downloadSponsorLeadsCsv = (params: Params & { readonly sponsorId: string }) =>
  download((cursor) => fetchFile(sponsorLeadRoutes.exportLeads, { params, query: { cursor } }), 'leads.csv');
