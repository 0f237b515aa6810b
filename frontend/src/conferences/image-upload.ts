import {
  type ImageTarget,
  type ImageType,
  imageRoutes,
  imageTypes,
  maxImageBytes,
} from '../../../shared/conferences/image-contracts';
import { call } from '../lib/api';
import { formatBytes } from '../lib/checklist';

/** Why a chosen file cannot be an event image, before anything is sent; null when it may. */
export const imageFileProblem = (file: { readonly type: string; readonly size: number }): string | null => {
  if (!(imageTypes as readonly string[]).includes(file.type))
    return 'Choose a PNG, JPEG or WebP image; this file is none of them.';
  if (file.size > maxImageBytes)
    return `The image is ${formatBytes(file.size)}; it may be at most ${formatBytes(maxImageBytes)}.`;
  if (file.size === 0) return 'The file is empty.';
  return null;
};

/**
 * Uploads an event's logo or a speaker's photo: a presigned POST straight to storage, then the API checks
 * what arrived and keeps it. Answers the image's link.
 */
export const uploadConferenceImage = async (
  params: { readonly orgId: string; readonly conferenceId: string },
  target: ImageTarget,
  file: File,
): Promise<string> => {
  const problem = imageFileProblem(file);
  if (problem) throw new Error(problem);
  const contentType = file.type as ImageType;
  const upload = await call(imageRoutes.createImageUpload, {
    params,
    body: { target, contentType, size: file.size },
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  // The file goes last: S3 ignores fields after it.
  form.append('file', file);
  const stored = await fetch(upload.url, { method: 'POST', body: form });
  if (!stored.ok)
    throw new Error(
      stored.status === 400 || stored.status === 403
        ? `The storage refused the file: it may be larger than ${formatBytes(maxImageBytes)} or not the image it claims. Try again.`
        : 'The image could not be uploaded. Check your connection and try again.',
    );
  const kept = await call(imageRoutes.completeImageUpload, {
    params: { ...params, imageId: upload.imageId },
    body: { target },
  });
  return kept.url;
};
