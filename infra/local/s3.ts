import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import S3rver from 's3rver';
import { freePort } from './ports';

export interface LocalS3 {
  readonly endpoint: string;
  readonly stop: () => Promise<void>;
}

/**
 * Browsers post files straight to the buckets (import files, checklist files), from the gateway's
 * origin (its port is picked later, so any origin locally; the AWS buckets allow only the site's).
 */
const uploadCors = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/** s3rver with the engagements bucket and the import bucket; kept under `dataDir`, or in a throwaway folder. */
export const startS3 = async (dataDir: string | undefined, buckets: string[]): Promise<LocalS3> => {
  const directory = dataDir ? resolve(dataDir, 's3') : mkdtempSync(join(tmpdir(), 'portico-s3-'));
  mkdirSync(directory, { recursive: true });
  const port = await freePort();
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name, configs: [uploadCors] })),
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      if (!dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
};
