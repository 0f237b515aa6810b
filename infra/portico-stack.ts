import { join } from 'node:path';
import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { type FunctionDefinition, functions as manifest } from '../functions/manifest';
import { originVerifyHeaderName } from '../shared/http/client-ip';
import { AccessLogs } from './constructs/access-logs';
import { Alarms } from './constructs/alarms';
import { DataTable } from './constructs/data-table';
import { Email } from './constructs/email';
import { EmailFeedback } from './constructs/email-feedback';
import { EngagementsBucket } from './constructs/engagements-bucket';
import { EventBus, EventRules } from './constructs/event-bus';
import { Functions, projectRoot } from './constructs/functions';
import { HttpApi } from './constructs/http-api';
import { ImportsBucket } from './constructs/imports-bucket';
import { Keys } from './constructs/keys';
import { Settings } from './constructs/settings';
import { Site } from './constructs/site';
import { WebSocketApi } from './constructs/websocket-api';

/** Props of {@link PorticoStack}. */
export interface PorticoStackProps extends StackProps {
  /** Sender of every email, e.g. `Portico <no-reply@mail.example.com>`; its domain is verified in SES. */
  readonly mailFrom: string;
  /**
   * What SES verifies for `mailFrom`.
   * @default 'domain'
   */
  readonly verifyEmail?: 'domain' | 'address';
  /**
   * Public URL of the dashboard, used in email links.
   * @default - the CloudFront distribution's URL
   */
  readonly appUrl?: string;
  /**
   * Address that receives alarm notifications.
   * @default - none; subscribe to the alarm topic yourself
   */
  readonly alarmEmail?: string;
  /**
   * ARN of a global (us-east-1) WAFv2 web ACL for the distribution.
   * @default - none
   */
  readonly webAclArn?: string;
  /**
   * The functions to deploy.
   * @default - every function of `functions/manifest.ts`
   */
  readonly functions?: readonly FunctionDefinition[];
  /**
   * Built dashboard to deploy; skipped when the folder does not exist at synth time.
   * @default 'frontend/dist' of the repository
   */
  readonly siteAssetPath?: string;
  /**
   * Supplies function code instead of bundling the handlers, for tests.
   * @default - handlers are bundled with esbuild
   */
  readonly functionCode?: (definition: FunctionDefinition) => lambda.Code;
}

/**
 * Portico in one stack: it only composes the feature constructs and publishes what operators and the
 * frontend need as outputs.
 */
export class PorticoStack extends Stack {
  /** The HTTP API, whose routes live in one nested stack per function. */
  readonly httpApi: HttpApi;

  constructor(scope: Construct, id: string, props: PorticoStackProps) {
    super(scope, id, props);

    const keys = new Keys(this, 'Keys');
    const data = new DataTable(this, 'Data', { encryptionKey: keys.key });
    const accessLogs = new AccessLogs(this, 'AccessLogs');
    const engagements = new EngagementsBucket(this, 'Engagements', {
      encryptionKey: keys.key,
      accessLogsBucket: accessLogs.bucket,
    });
    const imports = new ImportsBucket(this, 'Imports', { accessLogsBucket: accessLogs.bucket });
    const eventBus = new EventBus(this, 'Events');
    const emailFeedback = new EmailFeedback(this, 'EmailFeedback', { encryptionKey: keys.key });
    const email = new Email(this, 'Email', {
      mailFrom: props.mailFrom,
      verify: props.verifyEmail,
      configurationSet: emailFeedback.configurationSet,
    });
    const webSocketApi = new WebSocketApi(this, 'Realtime');
    const httpApi = new HttpApi(this, 'Http');
    this.httpApi = httpApi;
    // The stack id's UUID: stable across deployments and never shown to clients.
    const originVerifySecret = Fn.select(2, Fn.split('/', this.stackId));
    const site = new Site(this, 'Site', {
      apiDomainName: httpApi.domainName,
      originVerifyHeader: { name: originVerifyHeaderName, value: originVerifySecret },
      webSocketUrl: webSocketApi.url,
      webSocketOrigin: webSocketApi.origin,
      uploadOrigins: [imports.uploadOrigin],
      accessLogsBucket: accessLogs.bucket,
      assetPath: props.siteAssetPath ?? join(projectRoot, 'frontend/dist'),
      webAclArn: props.webAclArn,
    });
    const appUrl = props.appUrl ?? site.url;
    engagements.allowUploadsFrom([...new Set([site.url, appUrl])]);
    new Settings(this, 'Settings', { mailFrom: props.mailFrom, appUrl });

    const functions = new Functions(this, 'Functions', {
      definitions: props.functions ?? manifest,
      table: data,
      eventBus: eventBus.bus,
      engagements,
      imports,
      key: keys.key,
      jwtPrivateKey: keys.jwtPrivateKey,
      jwtPublicKey: keys.jwtPublicKey,
      googleOAuthClient: keys.googleOAuthClient,
      unsubscribeKey: keys.unsubscribeKey,
      emailIdentity: email.identity,
      emailConfigurationSetArn: emailFeedback.configurationSetArn,
      webSocketApi,
      mailFrom: props.mailFrom,
      appUrl,
      originVerifySecret,
      code: props.functionCode,
    });
    httpApi.addRoutes(functions);
    webSocketApi.addRoutes(functions);
    const rules = new EventRules(this, 'EventRules', {
      eventBus: eventBus.bus,
      table: data.table,
      functions,
      topics: { 'email-feedback': emailFeedback.topic },
    });
    const alarms = new Alarms(this, 'Alarms', {
      functions,
      deadLetterQueues: rules.deadLetterQueues,
      encryptionKey: keys.key,
      email: props.alarmEmail,
    });

    new CfnOutput(this, 'SiteUrl', { value: site.url, description: 'Dashboard URL (the API is under /api)' });
    new CfnOutput(this, 'HttpApiUrl', { value: httpApi.url, description: 'HTTP API invoke URL' });
    new CfnOutput(this, 'WebSocketUrl', { value: webSocketApi.url, description: 'WebSocket URL' });
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'EngagementsBucketName', { value: engagements.bucket.bucketName });
    new CfnOutput(this, 'SiteBucketName', { value: site.bucket.bucketName });
    new CfnOutput(this, 'JwtPrivateKeySecretArn', {
      value: keys.jwtPrivateKey.secretArn,
      description: 'The Ed25519 private JWK (infra/set-signing-key.ts puts it), read by identity alone',
    });
    new CfnOutput(this, 'JwtPublicKeySecretArn', {
      value: keys.jwtPublicKey.secretArn,
      description:
        'Its public JWK (infra/set-signing-key.ts puts it), read by every function that checks tokens',
    });
    new CfnOutput(this, 'GoogleOAuthSecretArn', {
      value: keys.googleOAuthClient.secretArn,
      description: 'Put the Google OAuth client here to enable Google Calendar',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
    email.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: 'DNS record that verifies the mail domain in SES',
      });
    });
  }
}
