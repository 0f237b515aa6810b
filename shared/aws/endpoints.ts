import { optionalEnv } from '../config/env';

/**
 * Client options for one AWS service. In AWS the SDK finds its endpoints itself; the local cloud sets
 * `<SERVICE>_ENDPOINT` so the same production code talks to the local engines instead.
 */
export const clientOptions = (service: 'DYNAMODB' | 'S3' | 'EVENTS' | 'SES' | 'KMS' | 'SECRETS') => {
  const endpoint = optionalEnv(`${service}_ENDPOINT`);
  return endpoint ? { endpoint, region: process.env.AWS_REGION ?? 'us-east-1' } : {};
};
