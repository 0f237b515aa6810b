import { id } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';

/**
 * An event's logo and its speakers' photos: uploaded straight to S3 with a presigned POST (type and size
 * fixed by the POST policy), checked and kept by the API, and served through a public route that redirects
 * to a short-lived presigned GET, so the stored link never expires and the bucket stays private.
 */

export const imageTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const imageType = z.enum(imageTypes, { error: 'Must be a PNG, JPEG or WebP image' });
export type ImageType = z.infer<typeof imageType>;

/** Largest image an upload takes. */
export const maxImageBytes = 2 * 1024 * 1024;

/** What the image is for: the event's logo, one speaker's photo, or one sponsor's logo. */
export const imageTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('logo') }),
  z.strictObject({ kind: z.literal('speaker-photo'), speakerId: id }),
  z.strictObject({ kind: z.literal('sponsor-logo'), sponsorId: id }),
]);
export type ImageTarget = z.infer<typeof imageTarget>;

export const createImageUploadInput = z.strictObject({
  target: imageTarget,
  contentType: imageType,
  /** The file's size in bytes, so a too large file is refused before it is sent. */
  size: z.number().check(z.int(), z.gte(1, 'The file is empty')),
});
export type CreateImageUploadInput = z.infer<typeof createImageUploadInput>;

export const imageUploadView = z.object({
  imageId: id,
  /** A presigned POST: send the fields, then the file (`file`), as multipart/form-data to `url`. */
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  maxBytes: z.number().check(z.int()),
});

export const completeImageUploadInput = z.strictObject({ target: imageTarget });

export const imageView = z.object({
  /** Where pages load the image from (a same-origin path that redirects to the stored file). */
  url: z.string(),
});

const one = '/api/orgs/{orgId}/conferences/{conferenceId}' as const;
const imageParams = z.strictObject({ orgId: id, conferenceId: id, imageId: id });

export const imageRoutes = {
  createImageUpload: defineRoute({
    method: 'POST',
    path: `${one}/images`,
    name: 'create-image-upload',
    access: 'conference-organizer',
    summary: `Start uploading the event's logo or a speaker's photo (PNG, JPEG or WebP, at most ${maxImageBytes / 1024 / 1024} MB): answers a presigned POST`,
    params: z.strictObject({ orgId: id, conferenceId: id }),
    body: createImageUploadInput,
    response: imageUploadView,
    status: 201,
  }),
  completeImageUpload: defineRoute({
    method: 'POST',
    path: `${one}/images/{imageId}/complete`,
    name: 'complete-image-upload',
    access: 'conference-organizer',
    summary: 'The image is uploaded: check its type and size, keep it, and make it the logo or the photo',
    params: imageParams,
    body: completeImageUploadInput,
    response: imageView,
  }),
  conferenceImage: defineRoute({
    method: 'GET',
    path: '/api/public/orgs/{orgId}/conferences/{conferenceId}/images/{imageId}',
    name: 'get-conference-image',
    access: 'public',
    summary: 'An event image: redirects (302) to a presigned link to the file, valid for five minutes',
    params: imageParams,
    status: 302,
  }),
} as const;
