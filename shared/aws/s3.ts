import { requireEnv } from '../config/env';

type Objects = typeof import('./s3-objects');

// Loaded on first use, as the SES client is: the S3 SDK (≈ 125 KiB minified with its presigners) would
// otherwise cost every cold start of a function whose requests mostly never touch an object.
let objects: Promise<Objects> | undefined;
const load = () => {
  objects ??= import('./s3-objects');
  return objects;
};

export const putObject = async (...args: Parameters<Objects['putObject']>) =>
  (await load()).putObject(...args);
/** The object's bytes and content type, or undefined when there is none under the key. */
export const getObject = async (...args: Parameters<Objects['getObject']>) =>
  (await load()).getObject(...args);
/** The object's size in bytes, or undefined when there is none under the key. */
export const objectSize = async (...args: Parameters<Objects['objectSize']>) =>
  (await load()).objectSize(...args);
export const deleteObject = async (...args: Parameters<Objects['deleteObject']>) =>
  (await load()).deleteObject(...args);
/** A presigned POST: S3 itself holds the upload to the options' key and conditions. */
export const presignPost = async (...args: Parameters<Objects['presignPost']>) =>
  (await load()).presignPost(...args);
/** A link that reads the object for `expiresIn` seconds. */
export const presignGet = async (...args: Parameters<Objects['presignGet']>) =>
  (await load()).presignGet(...args);

export const engagementsBucket = requireEnv('ENGAGEMENTS_BUCKET');
