import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { engagementsBucket, s3 } from '../aws/s3';
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
  createPresignedPost(s3, {
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
export const readStagedImage = async (key: ImageKey) => {
  try {
    const result = await s3.send(new GetObjectCommand({ Bucket: engagementsBucket, Key: staging(key) }));
    return (await result.Body?.transformToByteArray()) ?? new Uint8Array();
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
};

/** Keeps a checked image under its lasting key and drops the staged copy. */
export const keepImage = async (key: ImageKey, bytes: Uint8Array, contentType: ImageType) => {
  await s3.send(
    new PutObjectCommand({
      Bucket: engagementsBucket,
      Key: stored(key),
      Body: bytes,
      ContentType: contentType,
      CacheControl: 'public, max-age=31536000, immutable',
    }),
  );
  await deleteStagedImage(key);
};

export const deleteStagedImage = async (key: ImageKey) => {
  await s3.send(new DeleteObjectCommand({ Bucket: engagementsBucket, Key: staging(key) }));
};

/** A link to a kept image, valid for `expiresIn` seconds (S3 answers 404 for an id never kept). */
export const presignImageDownload = (key: ImageKey, expiresIn: number) =>
  getSignedUrl(s3, new GetObjectCommand({ Bucket: engagementsBucket, Key: stored(key) }), { expiresIn });
