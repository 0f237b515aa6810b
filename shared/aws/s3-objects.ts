import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost, type PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { clientOptions } from './endpoints';

/**
 * What Portico does with S3 objects, over one client created once per container. Only `./s3.ts` imports
 * this module, on first use, so a cold start that touches no object never loads the S3 SDK.
 */

const options = clientOptions('S3');
/** s3rver (locally) only understands path-style addressing. */
const client = new S3Client({ ...options, forcePathStyle: 'endpoint' in options });

const isMissing = (error: unknown) =>
  error instanceof NoSuchKey ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

export const putObject = async (input: PutObjectCommandInput & { Bucket: string; Key: string }) => {
  await client.send(new PutObjectCommand(input));
};

/** The object's bytes and content type, or undefined when there is none under the key. */
export const getObject = async (bucket: string, key: string) => {
  try {
    const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return {
      bytes: (await result.Body?.transformToByteArray()) ?? new Uint8Array(),
      contentType: result.ContentType ?? '',
    };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
};

/** The object's size in bytes, or undefined when there is none under the key. */
export const objectSize = async (bucket: string, key: string): Promise<number | undefined> => {
  try {
    return (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
};

export const deleteObject = async (bucket: string, key: string) => {
  await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
};

/** A presigned POST: S3 itself holds the upload to the options' key and conditions. */
export const presignPost = (options: PresignedPostOptions) => createPresignedPost(client, options);

/** A link that reads the object for `expiresIn` seconds. */
export const presignGet = (bucket: string, key: string, expiresIn: number) =>
  getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn });
