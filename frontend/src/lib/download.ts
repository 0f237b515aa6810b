import { engagementRoutes } from '../../../shared/engagements/contracts';
import { fetchFile } from './api';
import { fallbackFileName, versionFileName } from './checklist';

/** Hands a file to the browser's downloads through a temporary `<a download>`. */
export const saveFile = (blob: Blob, fileName: string): void => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; keep it a little longer for slow browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
};

interface ChecklistFile {
  readonly orgId: string;
  readonly engagementId: string;
  readonly projectName: string;
  /** An earlier version; the current one when absent. */
  readonly version?: number;
}

/** Downloads an engagement's checklist as markdown: `todo_<Project>.md`, or `todo_<Project>.v3.md`. */
export const downloadChecklist = async ({
  orgId,
  engagementId,
  projectName,
  version,
}: ChecklistFile): Promise<void> => {
  const file = await fetchFile(engagementRoutes.download, {
    params: { orgId, engagementId },
    query: { version },
  });
  const name = file.fileName ?? fallbackFileName(projectName);
  saveFile(file.blob, version === undefined ? name : versionFileName(name, version));
};
