import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { ExportIncompleteError } from '../lib/csv-parts';
import { downloadLeadsCsv, type LeadExportFilters } from '../lib/lead-export';
import { useToast } from '../lib/toast';
import { BusyButton } from './busy-button';

interface ExportLeadsButtonProps {
  readonly orgId: string;
  /** The list's filters: the file holds the leads the list shows, all of them. */
  readonly filters: LeadExportFilters;
  readonly disabled?: boolean;
}

/**
 * Downloads the leads as one CSV file. A button rather than a link: the API needs the access token and
 * answers in parts, which are fetched one after the other and joined before saving.
 */
export const ExportLeadsButton = ({ orgId, filters, disabled }: ExportLeadsButtonProps) => {
  const notify = useToast();
  const [parts, setParts] = useState<number | null>(null);
  const exportLeads = async () => {
    setParts(0);
    try {
      await downloadLeadsCsv(orgId, filters, setParts);
      notify('The leads are exported as a CSV file.');
    } catch (caught) {
      notify(caught instanceof ExportIncompleteError ? caught.message : errorMessage(caught), 'error');
    } finally {
      setParts(null);
    }
  };
  return (
    <BusyButton
      className="button button--secondary"
      busy={parts !== null}
      busyLabel={parts ? `Exporting… (${parts} ${parts === 1 ? 'part' : 'parts'})` : 'Exporting…'}
      disabled={disabled}
      onClick={() => void exportLeads()}
    >
      Export CSV
    </BusyButton>
  );
};
