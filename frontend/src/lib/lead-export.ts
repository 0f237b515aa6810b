import { crmRoutes, type ExportLeadsQuery } from '../../../shared/crm/contracts';
import { fetchFile } from './api';
import { collectCsvParts } from './csv-parts';
import { saveFile } from './download';

export type LeadExportFilters = Omit<ExportLeadsQuery, 'cursor'>;

/**
 * Downloads the organization's leads as one CSV file with the list's filters. The API answers in parts
 * of a few hundred rows; every part is fetched, following `x-next-cursor`, and joined before saving.
 */
export const downloadLeadsCsv = async (
  orgId: string,
  filters: LeadExportFilters,
  onPart?: (parts: number) => void,
): Promise<void> => {
  let fileName: string | null = null;
  const csv = await collectCsvParts(
    async (cursor) => {
      const file = await fetchFile(crmRoutes.exportLeads, {
        params: { orgId },
        query: { ...filters, cursor },
      });
      fileName ??= file.fileName;
      return { text: await file.blob.text(), nextCursor: file.headers.get('x-next-cursor') };
    },
    { onPart },
  );
  saveFile(new Blob([csv], { type: 'text/csv;charset=utf-8' }), fileName ?? 'leads.csv');
};
