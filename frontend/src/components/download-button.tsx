import { type ReactNode, useState } from 'react';
import { errorMessage } from '../lib/api';
import { downloadChecklist } from '../lib/download';
import { useToast } from '../lib/toast';
import { BusyButton } from './busy-button';

interface DownloadButtonProps {
  readonly orgId: string;
  readonly engagementId: string;
  readonly projectName: string;
  /** An earlier version; the current one when absent. */
  readonly version?: number;
  readonly className?: string;
  readonly children: ReactNode;
}

/**
 * Downloads the checklist as markdown. A button rather than a plain link: the file needs the access token,
 * which only the API client holds, so it is fetched first and then saved through `<a download>`.
 */
export const DownloadButton = ({
  orgId,
  engagementId,
  projectName,
  version,
  className = 'button button--secondary button--small',
  children,
}: DownloadButtonProps) => {
  const notify = useToast();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadChecklist({ orgId, engagementId, projectName, version });
    } catch (caught) {
      notify(errorMessage(caught), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <BusyButton className={className} busy={busy} busyLabel="Downloading…" onClick={() => void download()}>
      {children}
    </BusyButton>
  );
};
