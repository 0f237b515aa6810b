import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { functions } from '../../functions/manifest';
import { ensureTable, startDynamo } from './dynamodb';
import { LocalEventBus } from './event-bus';
import { LocalGateway } from './gateway';
import { googleEnvironment, LocalGoogle } from './google';
import { invoke } from './lambda';
import { Outbox } from './outbox';
import { startS3 } from './s3';
import { LocalScheduler } from './scheduler';
import { SesFaults } from './ses';
import { LocalTableStream } from './table-stream';
import { LocalTopics } from './topics';
import { LocalWebSocketApi } from './websocket';

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Where data survives restarts; undefined keeps everything in memory. */
  readonly dataDir?: string;
  /** Run the manifest's cron schedules (tests trigger them by hand instead). @default true */
  readonly schedules?: boolean;
  readonly onError?: (message: string) => void;
}

export interface LocalCloud {
  readonly url: string;
  readonly env: Record<string, string>;
  readonly bus: LocalEventBus;
  readonly scheduler: LocalScheduler;
  readonly outbox: Outbox;
  readonly google: LocalGoogle;
  readonly sesFaults: SesFaults;
  readonly topics: LocalTopics;
  readonly tableStream: LocalTableStream;
  readonly stop: () => Promise<void>;
}

// The SDK warns on Node 20 at every client creation; Lambda runs Node 22.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const tableName = 'portico';
export const engagementsBucket = 'portico-engagements';
export const importsBucket = 'portico-imports';
const eventBusName = 'portico';

/** The JWT signing key: generated on first start, kept in the data folder (never in the repository). */
const signingKey = async (dataDir: string | undefined): Promise<string> => {
  // A test run may hand in its own key, to forge expired or mis-addressed tokens with the real key.
  if (process.env.JWT_PRIVATE_JWK) return process.env.JWT_PRIVATE_JWK;
  const file = dataDir ? resolve(dataDir, 'jwt-signing-key.json') : undefined;
  if (file && existsSync(file)) return readFileSync(file, 'utf8');
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = JSON.stringify({ ...(await exportJWK(privateKey)), kid: `local-${Date.now()}` });
  if (file) writeFileSync(file, jwk, { mode: 0o600 });
  return jwk;
};

/** The signing key for identity, and its public half alone for every function that checks tokens. */
const accessTokenKeys = async (dataDir: string | undefined) => {
  const privateJwk = await signingKey(dataDir);
  const { d: _private, ...publicJwk } = JSON.parse(privateJwk) as Record<string, unknown>;
  return { JWT_PRIVATE_JWK: privateJwk, JWT_PUBLIC_JWK: JSON.stringify(publicJwk) };
};

/** The key that encrypts Google refresh tokens at rest: kept like the signing key, or fresh in memory. */
const tokenEncryptionKey = (dataDir: string | undefined): string => {
  const file = dataDir ? resolve(dataDir, 'token-encryption-key') : undefined;
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64');
  if (file) writeFileSync(file, key, { mode: 0o600 });
  return key;
};

/** The key that signs unsubscribe links: kept like the signing key, or fresh in memory. */
const unsubscribeKey = (dataDir: string | undefined): string => {
  const file = dataDir ? resolve(dataDir, 'unsubscribe-key') : undefined;
  if (file && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64url');
  if (file) writeFileSync(file, key, { mode: 0o600 });
  return key;
};

/**
 * Starts DynamoDB Local, s3rver and the gateway (HTTP API, WebSocket API, SES, EventBridge, scheduler),
 * then points the handlers at them through the same environment variables they read in AWS.
 */
export const startLocalCloud = async (options: LocalCloudOptions): Promise<LocalCloud> => {
  const onError = options.onError ?? ((message: string) => console.error(message));
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const dynamo = await startDynamo(options.dataDir);
  const stops: (() => Promise<void> | void)[] = [() => void dynamo.process.kill('SIGTERM')];
  try {
    await ensureTable(dynamo.endpoint, tableName);
    const s3 = await startS3(options.dataDir, [engagementsBucket, importsBucket]);
    stops.unshift(s3.stop);

    const outbox = new Outbox(options.dataDir ? resolve(options.dataDir, 'outbox.json') : undefined);
    const google = new LocalGoogle(options.dataDir ? resolve(options.dataDir, 'google.json') : undefined);
    const bus = new LocalEventBus(functions, eventBusName, invoke, onError);
    const scheduler = new LocalScheduler(functions, invoke, onError);
    const sesFaults = new SesFaults();
    const topics = new LocalTopics(functions, invoke, bus.deadLetters, onError);
    let domain = 'localhost';
    const websocket = new LocalWebSocketApi(functions, invoke, () => domain);
    const gateway = new LocalGateway({
      bus,
      scheduler,
      outbox,
      websocket,
      google,
      sesFaults,
      topics,
      siteRoot: resolve('frontend/dist'),
      onError,
    });
    const url = await gateway.listen(options.port);
    domain = new URL(url).host;
    stops.unshift(() => gateway.close());

    const env: Record<string, string> = {
      AWS_REGION: 'us-east-1',
      // s3rver checks signatures against its one built-in key pair; the other engines take any.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      TABLE_NAME: tableName,
      ENGAGEMENTS_BUCKET: engagementsBucket,
      IMPORTS_BUCKET: importsBucket,
      EVENT_BUS_NAME: eventBusName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      S3_ENDPOINT: s3.endpoint,
      SES_ENDPOINT: url,
      EVENTS_ENDPOINT: url,
      WS_MANAGEMENT_ENDPOINT: url,
      MAIL_FROM: 'Portico <no-reply@portico.localhost>',
      APP_URL: url,
      ...(await accessTokenKeys(options.dataDir)),
      TOKEN_ENCRYPTION_KEY: tokenEncryptionKey(options.dataDir),
      UNSUBSCRIBE_KEY: unsubscribeKey(options.dataDir),
      // Real Google when GOOGLE_OAUTH_CLIENT holds an OAuth client, the local stand-in otherwise.
      ...googleEnvironment(url),
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    };
    // Handlers run in this process and read their configuration at module load, like in Lambda.
    Object.assign(process.env, env);
    const tableStream = new LocalTableStream(
      functions,
      dynamo.endpoint,
      tableName,
      invoke,
      bus.deadLetters,
      onError,
    );
    await tableStream.start();
    stops.unshift(() => tableStream.stop());
    bus.addUpstream(() => tableStream.drain());
    if (options.schedules ?? true) {
      scheduler.start();
      stops.unshift(() => scheduler.stop());
    }
    return {
      url,
      env,
      bus,
      scheduler,
      outbox,
      google,
      sesFaults,
      topics,
      tableStream,
      stop: async () => {
        for (const stop of stops) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop();
    throw error;
  }
};
