import { type EngagementView, engagementRoutes } from '../../../shared/engagements/contracts';
import { call } from './api';

/** S3 refused the file itself (its POST policy: size, type, expiry). */
export class StorageRefusedError extends Error {
  constructor(readonly status: number) {
    super(
      status === 400 || status === 403
        ? 'The storage refused the file: it may be larger than 5 MB or not a markdown file. Try again.'
        : 'The file could not be uploaded. Check your connection and try again.',
    );
    this.name = 'StorageRefusedError';
  }
}

/**
 * Uploads a checklist file the way large files go: a presigned POST straight to storage, then the API
 * checks it and makes it the version after `engagement.version` (409 when someone changed it meanwhile).
 */
export const uploadChecklistFile = async (
  engagement: EngagementView,
  file: Blob,
): Promise<EngagementView> => {
  const params = { orgId: engagement.orgId, engagementId: engagement.id };
  const upload = await call(engagementRoutes.createUpload, {
    params,
    body: { contentType: 'text/markdown', size: file.size },
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  // The file goes last: S3 ignores fields after it. Its type is the one the POST was signed for.
  form.append('file', new Blob([file], { type: 'text/markdown' }));
  const stored = await fetch(upload.url, { method: 'POST', body: form });
  if (!stored.ok) throw new StorageRefusedError(stored.status);
  return call(engagementRoutes.completeUpload, {
    params: { ...params, uploadId: upload.uploadId },
    body: { version: engagement.version },
  });
};
