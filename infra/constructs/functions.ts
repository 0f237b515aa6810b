import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, Validations } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../functions/manifest';
import { tokenContextKey, tokenContextValue } from '../../shared/google/token-cipher';
import type { DataTable } from './data-table';
import type { EngagementsBucket } from './engagements-bucket';
import type { ImportsBucket } from './imports-bucket';
import type { WebSocketApi } from './websocket-api';

/** The repository root, where manifest entries are relative to. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Thrown at synth when manifest entries point at handler files that do not exist. */
export class MissingHandlerError extends Error {
  constructor(missing: readonly FunctionDefinition[]) {
    super(
      `Handler entry files missing for ${missing.length} manifest function(s): ` +
        missing.map((fn) => `${fn.name} → ${fn.entry}`).join(', '),
    );
    this.name = 'MissingHandlerError';
  }
}

/** One manifest function with its Lambda. */
export interface PorticoFunction {
  readonly definition: FunctionDefinition;
  readonly handler: lambda.Function;
}

/** Props of {@link Functions}. */
export interface FunctionsProps {
  /** The manifest's functions; one Lambda is created for each. */
  readonly definitions: readonly FunctionDefinition[];
  readonly table: DataTable;
  readonly eventBus: events.IEventBus;
  readonly engagements: EngagementsBucket;
  /** Staging bucket of CSV imports (`IMPORTS_BUCKET`). */
  readonly imports: ImportsBucket;
  /** Customer-managed key, exposed as `KMS_KEY_ID` for encrypting Google refresh tokens. */
  readonly key: kms.IKey;
  readonly jwtPrivateKey: secretsmanager.ISecret;
  readonly jwtPublicKey: secretsmanager.ISecret;
  readonly googleOAuthClient: secretsmanager.ISecret;
  /** Signs unsubscribe links; read by functions with the `emailLinks` permission. */
  readonly unsubscribeKey: secretsmanager.ISecret;
  readonly emailIdentity: ses.IEmailIdentity;
  /**
   * ARN of the identity's default configuration set, which senders also need permission on.
   * @default - none
   */
  readonly emailConfigurationSetArn?: string;
  /** The WebSocket API whose `@connections` endpoint `manageConnections` functions call. */
  readonly webSocketApi: WebSocketApi;
  /** Sender of every email (`MAIL_FROM`). */
  readonly mailFrom: string;
  /** Public URL of the dashboard, used in email links (`APP_URL`). */
  readonly appUrl: string;
  /** Value of the header CloudFront adds to API requests (`ORIGIN_VERIFY_SECRET`). */
  readonly originVerifySecret: string;
  /**
   * Powertools log level.
   * @default 'INFO'
   */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * How long function logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Supplies each function's code instead of bundling its entry with esbuild, for tests that synthesize
   * the stack without building handlers. The handler must be `index.handler`.
   * @default - each entry is bundled with esbuild by infra/bundle-function.ts
   */
  readonly code?: (definition: FunctionDefinition) => lambda.Code;
}

/**
 * Bundles a handler exactly as `npm run bench` measures it (infra/bundling.ts): ESM, minified, the AWS SDK
 * included (its version is ours, not the runtime's), zod with English messages only.
 */
const bundledCode = (definition: FunctionDefinition): lambda.Code =>
  lambda.Code.fromAsset(join(projectRoot, 'functions'), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never used: the local bundler below always succeeds or throws.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22'),
      local: {
        tryBundle(outputDir) {
          const result = spawnSync('npx', ['tsx', 'infra/bundle-function.ts', definition.entry, outputDir], {
            cwd: projectRoot,
            stdio: 'inherit',
          });
          if (result.status !== 0) throw new Error(`Bundling ${definition.entry} failed`);
          return true;
        },
      },
    },
  });

const pascalCase = (name: string): string =>
  name.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());

/**
 * One Lambda per manifest function (Node.js 22, arm64, X-Ray, its own log group and role), granted exactly
 * what the manifest's `permissions` allow.
 *
 * Every function receives the whole non-secret configuration as environment variables, because shared
 * modules read their settings once at load time and fail fast; what a function may actually *do* with
 * a table, bus, bucket, secret or socket is decided by the IAM grants alone.
 */
export class Functions extends Construct {
  readonly all: readonly PorticoFunction[];

  constructor(scope: Construct, id: string, props: FunctionsProps) {
    super(scope, id);
    if (!props.code) {
      const missing = props.definitions.filter((fn) => !existsSync(join(projectRoot, fn.entry)));
      if (missing.length > 0) throw new MissingHandlerError(missing);
    }
    this.all = props.definitions.map((definition) => ({
      definition,
      handler: this.createFunction(definition, props),
    }));
  }

  private createFunction(definition: FunctionDefinition, props: FunctionsProps): lambda.Function {
    const id = pascalCase(definition.name);
    const logGroup = new logs.LogGroup(this, `${id}Logs`, {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    // An own role instead of the default one keeps the AWS managed AWSLambdaBasicExecutionRole (which may
    // write to any log group) out: this function may write to its own log group only.
    const role = new iam.Role(this, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Portico ${definition.name} function`,
    });
    logGroup.grantWrite(role);

    const options: lambda.FunctionOptions = {
      description: definition.description,
      memorySize: definition.memoryMb ?? 512,
      timeout: Duration.seconds(definition.timeoutSeconds ?? 10),
      architecture: lambda.Architecture.ARM_64,
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      environment: {
        TABLE_NAME: props.table.table.tableName,
        EVENT_BUS_NAME: props.eventBus.eventBusName,
        MAIL_FROM: props.mailFrom,
        APP_URL: props.appUrl,
        ENGAGEMENTS_BUCKET: props.engagements.bucket.bucketName,
        IMPORTS_BUCKET: props.imports.bucket.bucketName,
        WS_MANAGEMENT_ENDPOINT: props.webSocketApi.managementEndpoint,
        // The signing key's secret is named to the function that signs alone; the rest only verify.
        ...(definition.permissions.jwtKey === 'sign'
          ? { JWT_PRIVATE_JWK_SECRET_ARN: props.jwtPrivateKey.secretArn }
          : {}),
        ...(definition.permissions.jwtKey ? { JWT_PUBLIC_JWK_SECRET_ARN: props.jwtPublicKey.secretArn } : {}),
        GOOGLE_OAUTH_CLIENT_SECRET_ARN: props.googleOAuthClient.secretArn,
        UNSUBSCRIBE_KEY_SECRET_ARN: props.unsubscribeKey.secretArn,
        KMS_KEY_ID: props.key.keyId,
        ORIGIN_VERIFY_SECRET: props.originVerifySecret,
        POWERTOOLS_SERVICE_NAME: definition.name,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      },
    };
    const runtime = lambda.Runtime.NODEJS_22_X;
    const handler = props.code
      ? new lambda.Function(this, id, {
          ...options,
          runtime,
          handler: 'index.handler',
          code: props.code(definition),
        })
      : new lambda.Function(this, id, {
          ...options,
          runtime,
          handler: 'index.handler',
          code: bundledCode(definition),
        });

    this.grant(definition, role, props);
    // X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which take no resource.',
    });
    // Moving to a newer runtime is a deliberate, tested change of the whole toolchain, not a lint fix.
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is the runtime the architecture fixes for bundles, benchmarks and the local cloud; ' +
        'a newer one is adopted deliberately across all of them.',
    });
    return handler;
  }

  private grant(definition: FunctionDefinition, role: iam.Role, props: FunctionsProps): void {
    const { permissions } = definition;
    if (permissions.table === 'readWrite') props.table.grantReadWriteItems(role);
    else props.table.grantReadItems(role);
    if (permissions.engagementsBucket) props.engagements.grantReadFiles(role);
    if (permissions.engagementsBucket === 'readWrite') props.engagements.grantWriteFiles(role);
    if (permissions.importsBucket) props.imports.grantStaging(role);
    if (permissions.sendEmail) {
      props.emailIdentity.grantSendEmail(role);
      if (props.emailConfigurationSetArn)
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: [props.emailConfigurationSetArn],
          }),
        );
    }
    if (permissions.emailLinks) props.unsubscribeKey.grantRead(role);
    if (permissions.publishEvents) props.eventBus.grantPutEventsTo(role);
    if (permissions.manageConnections) props.webSocketApi.grantManageConnections(role);
    if (permissions.jwtKey === 'sign') props.jwtPrivateKey.grantRead(role);
    if (permissions.jwtKey) props.jwtPublicKey.grantRead(role);
    if (permissions.googleTokens) {
      props.googleOAuthClient.grantRead(role);
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Encrypt', 'kms:Decrypt'],
          resources: [props.key.keyArn],
          // Only with the refresh-token context: this grant opens no other ciphertext made with the key.
          conditions: { StringEquals: { [`kms:EncryptionContext:${tokenContextKey}`]: tokenContextValue } },
        }),
      );
    }
  }
}
