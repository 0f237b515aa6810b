import { deleteObject, engagementsBucket, getObject, presignGet, presignPost, putObject } from '../aws/s3';
import { conferenceImageKeys } from '../db/keys';
import type { ImageType } from './image-contracts';

/**
 * Event images in the documents bucket (private; the site's origin may POST to it): staged uploads, the
 * kept files, and short-lived links to them.
 */

type ImageKey = { readonly orgId: string; readonly conferenceId: string; readonly imageId: string };

const staging = (key: ImageKey) => conferenceImageKeys.staging(key.orgId, key.conferenceId, key.imageId);
const stored = (key: ImageKey) => conferenceImageKeys.stored(key.orgId, key.conferenceId, key.imageId);

/** A presigned POST for one staging key: S3 refuses another key, another type, or a size outside 1…max. */
export const presignImageUpload = (
  key: ImageKey,
  contentType: ImageType,
  maxBytes: number,
  expiresIn: number,
) =>
  presignPost({
    Bucket: engagementsBucket,
    Key: staging(key),
    Conditions: [
      ['content-length-range', 1, maxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: expiresIn,
  });

/** The staged upload's bytes, or undefined when nothing arrived under its key. */
export const readStagedImage = async (key: ImageKey) =>
  (await getObject(engagementsBucket, staging(key)))?.bytes;

/** Keeps a checked image under its lasting key and drops the staged copy. */
export const keepImage = async (key: ImageKey, bytes: Uint8Array, contentType: ImageType) => {
  await putObject({
    Bucket: engagementsBucket,
    Key: stored(key),
    Body: bytes,
    ContentType: contentType,
    CacheControl: 'public, max-age=31536000, immutable',
  });
  await deleteStagedImage(key);
};

export const deleteStagedImage = async (key: ImageKey) => {
  await deleteObject(engagementsBucket, staging(key));
};

/** A link to a kept image, valid for `expiresIn` seconds (S3 answers 404 for an id never kept). */
export const presignImageDownload = (key: ImageKey, expiresIn: number) =>
  presignGet(engagementsBucket, stored(key), expiresIn);
