import { S3Client } from '@aws-sdk/client-s3';
import { requireEnv } from '../config/env';
import { clientOptions } from './endpoints';

const options = clientOptions('S3');

/** Created once per container. s3rver (locally) only understands path-style addressing. */
export const s3 = new S3Client({ ...options, forcePathStyle: 'endpoint' in options });

export const engagementsBucket = requireEnv('ENGAGEMENTS_BUCKET');
