import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FunctionDefinition, functions, httpRoutes } from '../functions/manifest';
import { tableDefinition } from '../shared/db/table';
import { toEventBridgeCron } from './constructs/cron-expression';
import { MissingHandlerError, projectRoot } from './constructs/functions';
import { PorticoStack, type PorticoStackProps } from './portico-stack';
import { httpRouteResources, type Resource } from './test-support';

// Synthesized with inline code: no handler is bundled, so these tests neither need nor build the handlers.
const context = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')).context;
const inlineCode = () => lambda.Code.fromInline('export const handler = async () => ({});');
const mailFrom = 'Portico <no-reply@mail.portico.test>';

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: { StringEquals?: Record<string, unknown> };
};

const synth = (props: Partial<PorticoStackProps> = {}) => {
  const app = new App({ context });
  const stack = new PorticoStack(app, 'Portico', { mailFrom, functionCode: inlineCode, ...props });
  const template = Template.fromStack(stack);
  const nagReport = new AwsSolutionsChecks(stack).validateScope(stack);
  return { stack, template, nagReport };
};

const resourcesOf = (template: Template, type: string): [string, Resource][] =>
  Object.entries(template.findResources(type)) as [string, Resource][];

/** CloudFormation value as a string: `{ Ref: X }` → `<X>`, joins concatenated. */
const flat = (value: unknown): string => flattenCfnReference(value);

const functionNamed = (template: Template, name: string): [string, Resource] => {
  const found = resourcesOf(template, 'AWS::Lambda::Function').find(
    ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === name,
  );
  if (!found) throw new Error(`No Lambda for manifest function ${name}`);
  return found;
};

const statementsOf = (template: Template, name: string): Statement[] => {
  const [, fn] = functionNamed(template, name);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
};

const actionsOf = (template: Template, name: string): string[] =>
  statementsOf(template, name).flatMap((statement) => [statement.Action].flat());

const violationsOf = (report: ReturnType<typeof synth>['nagReport']): string[] =>
  report.violations.map(
    (v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );

const makeSiteBuild = (): string => {
  const dist = mkdtempSync(join(tmpdir(), 'portico-site-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>',
  );
  writeFileSync(join(dist, 'assets', 'app-1a2b.js'), 'console.log("portico");');
  return dist;
};

describe('PorticoStack', () => {
  let template: Template;
  let stack: PorticoStack;
  let nagReport: ReturnType<typeof synth>['nagReport'];
  let siteBuild: string;

  beforeAll(() => {
    siteBuild = makeSiteBuild();
    ({ template, stack, nagReport } = synth({ siteAssetPath: siteBuild }));
  });
  afterAll(() => rmSync(siteBuild, { recursive: true, force: true }));

  describe('table', () => {
    it('has the key schema, every GSI and the TTL of tableDefinition', () => {
      const [[, table]] = resourcesOf(template, 'AWS::DynamoDB::Table') as [[string, Resource]];
      expect(table.Properties.KeySchema).toEqual([
        { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
      ]);
      expect(table.Properties.GlobalSecondaryIndexes).toHaveLength(
        tableDefinition.globalSecondaryIndexes.length,
      );
      for (const index of tableDefinition.globalSecondaryIndexes) {
        expect(table.Properties.GlobalSecondaryIndexes).toContainEqual({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        });
      }
      expect(table.Properties.TimeToLiveSpecification).toEqual({
        AttributeName: tableDefinition.timeToLiveAttribute,
        Enabled: true,
      });
    });

    it('is on demand, recoverable, protected from deletion, KMS-encrypted and retained', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
        }),
      });
    });
  });

  describe('buckets', () => {
    it('keeps engagement files versioned, KMS-encrypted and access-logged', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({
              ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
            }),
          ],
        },
        LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 's3/engagements/' },
      });
    });

    it('expires uploads left in the staging area after a day', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/engagements/' }),
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              Prefix: 'staging/',
              Status: 'Enabled',
              ExpirationInDays: 1,
              NoncurrentVersionExpiration: { NoncurrentDays: 1 },
            }),
          ],
        },
      });
    });

    it('accepts presigned upload POSTs from the dashboard’s origin only', () => {
      const [bucket] = resourcesOf(template, 'AWS::S3::Bucket')
        .map(([, resource]) => resource)
        .filter((b) => b.Properties.LoggingConfiguration?.LogFilePrefix === 's3/engagements/');
      const [rule, ...others] = bucket!.Properties.CorsConfiguration.CorsRules;
      expect(others).toEqual([]);
      expect(rule).toMatchObject({ AllowedMethods: ['POST'], AllowedHeaders: ['*'] });
      expect(rule.AllowedOrigins.map(flat)).toEqual([
        expect.stringMatching(/^https:\/\/<SiteDistribution\w+\.DomainName>$/),
      ]);
    });

    it('blocks all public access and refuses plain HTTP on every bucket', () => {
      const buckets = resourcesOf(template, 'AWS::S3::Bucket');
      expect(buckets.length).toBeGreaterThanOrEqual(3);
      const policies = resourcesOf(template, 'AWS::S3::BucketPolicy');
      for (const [id, bucket] of buckets) {
        expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        });
        const policy = policies.find(([, p]) => p.Properties.Bucket.Ref === id);
        expect(policy, `${id} has a bucket policy`).toBeDefined();
        expect(policy![1].Properties.PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
      }
    });
  });

  describe('functions', () => {
    it('creates one Node.js 22 arm64 Lambda per manifest function', () => {
      const nodeFunctions = resourcesOf(template, 'AWS::Lambda::Function').filter(
        ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
      );
      expect(nodeFunctions).toHaveLength(functions.length);
      for (const definition of functions) {
        const [, fn] = functionNamed(template, definition.name);
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          MemorySize: definition.memoryMb ?? 512,
          Timeout: definition.timeoutSeconds ?? 10,
          TracingConfig: { Mode: 'Active' },
          Description: definition.description,
          LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
        });
      }
    });

    it('gives every function the configuration the handlers read', () => {
      for (const definition of functions) {
        const [, fn] = functionNamed(template, definition.name);
        const env = fn.Properties.Environment.Variables;
        expect(Object.keys(env).sort()).toEqual(
          [
            'APP_URL',
            'ENGAGEMENTS_BUCKET',
            'EVENT_BUS_NAME',
            'IMPORTS_BUCKET',
            'GOOGLE_OAUTH_CLIENT_SECRET_ARN',
            ...(definition.permissions.jwtKey === 'sign' ? ['JWT_PRIVATE_JWK_SECRET_ARN'] : []),
            ...(definition.permissions.jwtKey ? ['JWT_PUBLIC_JWK_SECRET_ARN'] : []),
            'KMS_KEY_ID',
            'MAIL_FROM',
            'ORIGIN_VERIFY_SECRET',
            'POWERTOOLS_LOG_LEVEL',
            'POWERTOOLS_SERVICE_NAME',
            'TABLE_NAME',
            'UNSUBSCRIBE_KEY_SECRET_ARN',
            'WS_MANAGEMENT_ENDPOINT',
          ].sort(),
        );
        expect(env.MAIL_FROM).toBe(mailFrom);
        expect(flat(env.APP_URL)).toMatch(/^https:\/\/<SiteDistribution\w+\.DomainName>$/);
        expect(flat(env.WS_MANAGEMENT_ENDPOINT)).toMatch(
          /^https:\/\/<RealtimeApi\w+>\.execute-api\.<AWS::Region>\.<AWS::URLSuffix>\/production$/,
        );
      }
    });

    it('gives each function its own role without AWS managed policies, writing only its own logs', () => {
      for (const definition of functions) {
        const [, fn] = functionNamed(template, definition.name);
        const roleId = fn.Properties.Role['Fn::GetAtt'][0];
        const role = template.toJSON().Resources[roleId] as Resource;
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
        const logStatement = statementsOf(template, definition.name).find((s) =>
          [s.Action].flat().includes('logs:PutLogEvents'),
        );
        expect(logStatement?.Resource).toEqual({
          'Fn::GetAtt': [fn.Properties.LoggingConfig.LogGroup.Ref, 'Arn'],
        });
      }
    });
  });

  describe('least privilege', () => {
    it('covers every kind of permission in the manifest, so the checks below are not vacuous', () => {
      const permissions = functions.map((fn) => fn.permissions);
      expect(permissions.some((p) => p.table === 'read')).toBe(true);
      expect(permissions.some((p) => p.table === 'readWrite')).toBe(true);
      for (const flag of [
        'sendEmail',
        'publishEvents',
        'manageConnections',
        'jwtKey',
        'googleTokens',
        'emailLinks',
      ] as const) {
        expect(permissions.some((p) => p[flag])).toBe(true);
        expect(permissions.some((p) => !p[flag])).toBe(true);
      }
      expect(permissions.filter((p) => p.jwtKey === 'sign')).toHaveLength(1);
      expect(permissions.some((p) => p.jwtKey === 'verify')).toBe(true);
    });

    it('lets only the identity function read the token-signing private key; verifiers read the public key', () => {
      const resources = template.toJSON().Resources as Record<string, Resource>;
      const secretNamed = (prefix: string) =>
        Object.keys(resources).find(
          (id) => id.startsWith(`Keys${prefix}`) && resources[id]!.Type === 'AWS::SecretsManager::Secret',
        )!;
      const [privateSecret, publicSecret] = [secretNamed('JwtPrivateKey'), secretNamed('JwtPublicKey')];
      const reads = (name: string, secret: string) =>
        statementsOf(template, name).some(
          (statement) =>
            [statement.Action].flat().includes('secretsmanager:GetSecretValue') &&
            [statement.Resource].flat().some((resource) => JSON.stringify(resource).includes(secret)),
        );
      for (const { name, permissions } of functions) {
        expect(reads(name, privateSecret), name).toBe(name === 'identity');
        expect(reads(name, publicSecret), name).toBe(Boolean(permissions.jwtKey));
      }
      // Every role in the stack, not only the manifest's: nothing else may read the private key either.
      const readers = resourcesOf(template, 'AWS::IAM::Policy')
        .filter(([, policy]) =>
          (policy.Properties.PolicyDocument.Statement as Statement[]).some((statement) =>
            [statement.Resource].flat().some((resource) => JSON.stringify(resource).includes(privateSecret)),
          ),
        )
        .flatMap(([, policy]) => policy.Properties.Roles.map((role: { Ref: string }) => role.Ref));
      const [, identity] = functionNamed(template, 'identity');
      expect(readers).toEqual([identity.Properties.Role['Fn::GetAtt'][0]]);
    });

    it.each(functions.map((fn) => [fn.name, fn] as const))(
      'grants %s exactly its manifest permissions',
      (name, fn) => {
        const actions = actionsOf(template, name);
        const has = (action: string) => actions.includes(action);
        expect(has('dynamodb:Query')).toBe(true);
        expect(has('dynamodb:PutItem')).toBe(fn.permissions.table === 'readWrite');
        expect(has('dynamodb:DeleteItem')).toBe(fn.permissions.table === 'readWrite');
        expect(has('kms:Encrypt')).toBe(
          fn.permissions.table === 'readWrite' || Boolean(fn.permissions.googleTokens),
        );
        expect(actions.some((a) => a.startsWith('ses:'))).toBe(Boolean(fn.permissions.sendEmail));
        expect(has('events:PutEvents')).toBe(Boolean(fn.permissions.publishEvents));
        expect(has('execute-api:ManageConnections')).toBe(Boolean(fn.permissions.manageConnections));
        expect(has('secretsmanager:GetSecretValue')).toBe(
          Boolean(fn.permissions.jwtKey || fn.permissions.googleTokens || fn.permissions.emailLinks),
        );
        expect(actions.some((a) => a.startsWith('s3:'))).toBe(
          Boolean(fn.permissions.engagementsBucket || fn.permissions.importsBucket),
        );
      },
    );

    it('never allows a table scan or a wildcard action', () => {
      for (const { name } of functions) {
        const actions = actionsOf(template, name);
        expect(actions).not.toContain('dynamodb:Scan');
        expect(actions.filter((action) => action.includes('*'))).toEqual([]);
      }
    });

    it('limits table access to the table and its named indexes, and the key to DynamoDB', () => {
      for (const { name } of functions) {
        const statements = statementsOf(template, name);
        const table = statements.find((s) => [s.Action].flat().includes('dynamodb:GetItem'))!;
        const resources = [table.Resource].flat().map(flat);
        expect(resources).toHaveLength(1 + tableDefinition.globalSecondaryIndexes.length);
        expect(resources.filter((r) => r.includes('*'))).toEqual([]);
        const key = statements.find((s) => [s.Action].flat().includes('kms:Decrypt'))!;
        expect(flat(key.Condition?.StringEquals?.['kms:ViaService'])).toBe(
          'dynamodb.<AWS::Region>.amazonaws.com',
        );
      }
    });

    it('lets email senders send only from the SES identity and socket users reach only the stage', () => {
      for (const { name, permissions } of functions) {
        const statements = statementsOf(template, name);
        if (permissions.sendEmail) {
          // The identity, and its default configuration set (SES checks both when a message uses one).
          const resources = statements
            .filter((s) => [s.Action].flat().includes('ses:SendEmail'))
            .flatMap((s) => [s.Resource].flat().map(flat));
          expect(resources).toHaveLength(2);
          expect(resources.some((r) => /:identity\/<EmailIdentity\w+>$/.test(r))).toBe(true);
          expect(
            resources.some((r) => /:configuration-set\/<EmailFeedbackConfigurationSet\w+>$/.test(r)),
          ).toBe(true);
        }
        if (permissions.manageConnections) {
          const ws = statements.find((s) => [s.Action].flat().includes('execute-api:ManageConnections'))!;
          expect(flat(ws.Resource)).toMatch(/:<RealtimeApi\w+>\/production\/\*\/@connections\/\*$/);
        }
      }
    });
  });

  describe('HTTP API', () => {
    let cached: Record<string, Resource> | undefined;
    const routeResources = () => {
      cached ??= httpRouteResources(stack.httpApi);
      return cached;
    };
    const httpRouteKeys = () =>
      Object.values(routeResources()).filter(
        (resource) =>
          resource.Type === 'AWS::ApiGatewayV2::Route' && resource.Properties.ApiId.Ref.startsWith('HttpApi'),
      );

    it('keeps every route in a nested stack of its function, so the stack stays under 500 resources', () => {
      const count = Object.keys(template.toJSON().Resources).length;
      expect(count).toBeLessThan(400);
      for (const nested of stack.httpApi.routeStacks.values())
        expect(Object.keys(Template.fromStack(nested).toJSON().Resources).length).toBeLessThan(400);
    });

    it('has exactly one route per manifest route', () => {
      const routes = httpRouteKeys();
      expect(routes).toHaveLength(httpRoutes.length);
      expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(
        httpRoutes.map(({ route }) => `${route.method} ${route.path}`).sort(),
      );
    });

    it('integrates each route with its own function using payload format 2.0', () => {
      const integrations = routeResources();
      for (const { fn, route } of httpRoutes) {
        const apiRoute = httpRouteKeys().find(
          (r) => r.Properties.RouteKey === `${route.method} ${route.path}`,
        )!;
        const integrationId = flat(apiRoute.Properties.Target).match(/^integrations\/<(\w+)>$/)![1]!;
        const integration = integrations[integrationId]!;
        expect(integration.Properties).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
        });
        const [functionId] = functionNamed(template, fn.name);
        expect(integration.Properties.IntegrationUri).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
      }
    });

    it('throttles and access-logs its $default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingBurstLimit: Match.anyValue(),
          ThrottlingRateLimit: Match.anyValue(),
        },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      });
    });
  });

  describe('WebSocket API', () => {
    it('has one route per wsRoutes entry, integrated with its function', () => {
      const expected = functions.flatMap((fn) => (fn.wsRoutes ?? []).map((key) => ({ fn, key })));
      const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').filter(([, route]) =>
        route.Properties.ApiId.Ref.startsWith('RealtimeApi'),
      );
      expect(routes.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(expected.map((e) => e.key).sort());
      const resources = template.toJSON().Resources as Record<string, Resource>;
      for (const { fn, key } of expected) {
        const [, route] = routes.find(([, r]) => r.Properties.RouteKey === key)!;
        const integrationId = flat(route.Properties.Target).match(/^integrations\/<(\w+)>$/)![1]!;
        const [functionId] = functionNamed(template, fn.name);
        expect(flat(resources[integrationId]!.Properties.IntegrationUri)).toContain(`<${functionId}.Arn>`);
      }
    });

    it('serves a throttled, access-logged production stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: 'production',
        DefaultRouteSettings: {
          ThrottlingBurstLimit: Match.anyValue(),
          ThrottlingRateLimit: Match.anyValue(),
        },
        AccessLogSettings: {
          DestinationArn: Match.anyValue(),
          Format: Match.stringLikeRegexp('connectionId'),
        },
      });
      template.resourceCountIs('AWS::ApiGateway::Account', 1);
    });
  });

  describe('events and schedules', () => {
    const consumers = functions.filter(
      (fn) => fn.consumes?.length || fn.schedules?.length || fn.topics?.length,
    );
    const dlqOf = (fnName: string) => {
      const [id] = resourcesOf(template, 'AWS::SQS::Queue').find(([queueId]) =>
        queueId.startsWith(`EventRules${fnName.replaceAll('-', '')}dlq`),
      )!;
      return id;
    };

    it('puts domain events on a custom bus named portico', () => {
      template.hasResourceProperties('AWS::Events::EventBus', { Name: 'portico' });
    });

    it('creates one rule per consumes entry with the manifest pattern, retries and a dead-letter queue', () => {
      const entries = functions.flatMap((fn) => (fn.consumes ?? []).map((c) => ({ fn, ...c })));
      const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, r]) => r.Properties.EventPattern);
      expect(rules).toHaveLength(entries.length);
      for (const { fn, detailTypes } of entries) {
        const [functionId] = functionNamed(template, fn.name);
        template.hasResourceProperties('AWS::Events::Rule', {
          EventBusName: { Ref: Match.stringLikeRegexp('^EventsBus') },
          EventPattern: { source: ['portico'], 'detail-type': [...detailTypes] },
          Targets: [
            Match.objectLike({
              Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
              DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqOf(fn.name), 'Arn'] } },
              RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 7200 },
            }),
          ],
        });
      }
    });

    it('creates one scheduled rule per manifest schedule with its EventBridge cron', () => {
      const entries = functions.flatMap((fn) => (fn.schedules ?? []).map((s) => ({ fn, ...s })));
      const rules = resourcesOf(template, 'AWS::Events::Rule').filter(
        ([, r]) => r.Properties.ScheduleExpression,
      );
      expect(rules).toHaveLength(entries.length);
      for (const { fn, cron } of entries) {
        const [functionId] = functionNamed(template, fn.name);
        template.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: toEventBridgeCron(cron),
          Targets: [
            Match.objectLike({
              Arn: { 'Fn::GetAtt': [functionId, 'Arn'] },
              DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqOf(fn.name), 'Arn'] } },
            }),
          ],
        });
      }
      expect(template.toJSON().Resources).toSatisfy((resources: Record<string, Resource>) =>
        Object.values(resources).some((r) => r.Properties?.ScheduleExpression === 'cron(* * * * ? *)'),
      );
    });

    it('sends failed asynchronous invocations of every consumer to its encrypted, TLS-only queue', () => {
      const streamReaders = functions.filter((fn) => fn.tableStream);
      expect(resourcesOf(template, 'AWS::SQS::Queue')).toHaveLength(consumers.length + streamReaders.length);
      for (const fn of consumers) {
        const [functionId] = functionNamed(template, fn.name);
        const queueId = dlqOf(fn.name);
        template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: functionId },
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
        });
        template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queueId }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it('streams new images from the table and relays only inserted outbox items, one failed record at a time', () => {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      });
      const [relayId] = functionNamed(template, 'outbox-relay');
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: relayId },
        EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataTable'), 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: Match.anyValue(),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqOf('outbox-relay'), 'Arn'] } } },
        FilterCriteria: {
          Filters: [
            {
              Pattern: JSON.stringify({
                eventName: ['INSERT'],
                dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } },
              }),
            },
          ],
        },
      });
      expect(resourcesOf(template, 'AWS::Lambda::EventSourceMapping')).toHaveLength(1);
      expect(actionsOf(template, 'outbox-relay')).toEqual(
        expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'events:PutEvents']),
      );
    });

    it('alarms on every function error and every dead-letter message through an encrypted topic', () => {
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      for (const fn of functions) {
        const [functionId] = functionNamed(template, fn.name);
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: functionId } }],
          AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
        });
      }
      for (const fn of consumers) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqOf(fn.name), 'QueueName'] } }],
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
        });
      }
    });
  });

  describe('email feedback', () => {
    it('makes every message report bounces and complaints through the identity’s default configuration set', () => {
      const [[setId]] = resourcesOf(template, 'AWS::SES::ConfigurationSet') as [[string, Resource]];
      template.hasResourceProperties('AWS::SES::EmailIdentity', {
        ConfigurationSetAttributes: { ConfigurationSetName: { Ref: setId } },
      });
      template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        ConfigurationSetName: { Ref: setId },
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ['bounce', 'complaint', 'delivery'],
          SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^EmailFeedbackTopic') } },
        },
      });
    });

    it('publishes them to an encrypted, TLS-only topic SES may use the key for', () => {
      const [[topicId, topic]] = resourcesOf(template, 'AWS::SNS::Topic').filter(([id]) =>
        id.startsWith('EmailFeedbackTopic'),
      ) as [[string, Resource]];
      expect(topic.Properties.KmsMasterKeyId).toBeDefined();
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: topicId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } }),
          ]),
        },
      });
      const [[, key]] = resourcesOf(template, 'AWS::KMS::Key') as [[string, Resource]];
      expect(key.Properties.KeyPolicy.Statement).toContainEqual(
        expect.objectContaining({
          Principal: { Service: 'ses.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        }),
      );
    });

    it('invokes each manifest function subscribed to email-feedback, with its dead-letter queue', () => {
      const subscribers = functions.filter((fn) => fn.topics?.includes('email-feedback'));
      expect(subscribers.length).toBeGreaterThan(0);
      for (const fn of subscribers) {
        const [functionId] = functionNamed(template, fn.name);
        template.hasResourceProperties('AWS::SNS::Subscription', {
          Protocol: 'lambda',
          Endpoint: { 'Fn::GetAtt': [functionId, 'Arn'] },
          TopicArn: { Ref: Match.stringLikeRegexp('^EmailFeedbackTopic') },
          RedrivePolicy: {
            deadLetterTargetArn: {
              'Fn::GetAtt': [Match.stringLikeRegexp(`^EventRules${fn.name.replaceAll('-', '')}dlq`), 'Arn'],
            },
          },
        });
      }
    });
  });

  describe('site', () => {
    const distributionConfig = () =>
      resourcesOf(template, 'AWS::CloudFront::Distribution')[0]![1].Properties.DistributionConfig;

    it('forwards /api/* to the HTTP API uncached, with every method and all viewer headers but Host', () => {
      const config = distributionConfig();
      const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/api/*');
      expect(api).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        ViewerProtocolPolicy: 'https-only',
      });
      const origin = config.Origins.find((o: { Id: string }) => o.Id === api.TargetOriginId);
      expect(flat(origin.DomainName)).toMatch(/^<HttpApi\w+>\.execute-api\.<AWS::Region>\.<AWS::URLSuffix>$/);
      // The origin secret lets the API trust CloudFront-Viewer-Address; every function knows the same value.
      const [header] = origin.OriginCustomHeaders;
      expect(header.HeaderName).toBe('x-portico-origin');
      const [, identity] = functionNamed(template, 'identity');
      expect(identity.Properties.Environment.Variables.ORIGIN_VERIFY_SECRET).toEqual(header.HeaderValue);
    });

    it('rewrites client-side routes to index.html on the site only, never masking API errors', () => {
      const config = distributionConfig();
      expect(config.CustomErrorResponses).toBeUndefined();
      expect(config.CacheBehaviors[0].FunctionAssociations).toBeUndefined();
      expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);

      const [[, fn]] = resourcesOf(template, 'AWS::CloudFront::Function') as [[string, Resource]];
      const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (
        event: unknown,
      ) => {
        uri: string;
      };
      const rewrite = (uri: string) => handler({ request: { uri } }).uri;
      expect(rewrite('/')).toBe('/index.html');
      expect(rewrite('/orgs/01J0000000000000000000000A')).toBe('/index.html');
      expect(rewrite('/assets/app-1a2b.js')).toBe('/assets/app-1a2b.js');
      expect(rewrite('/config.json')).toBe('/config.json');
    });

    it('serves the site bucket only through origin access control, with logs and security headers', () => {
      const config = distributionConfig();
      const siteOrigin = config.Origins.find(
        (o: { Id: string }) => o.Id === config.DefaultCacheBehavior.TargetOriginId,
      );
      expect(siteOrigin.OriginAccessControlId).toBeDefined();
      expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
      template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: Match.objectLike({
          SecurityHeadersConfig: Match.objectLike({
            ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.anyValue() }),
            StrictTransportSecurity: Match.objectLike({ IncludeSubdomains: true }),
            FrameOptions: { FrameOption: 'DENY', Override: true },
          }),
        }),
      });
    });

    it('deploys the build with a config.json carrying the WebSocket URL, and invalidates the cache', () => {
      const deployments = resourcesOf(template, 'Custom::CDKBucketDeployment');
      expect(deployments).toHaveLength(2);
      const entry = deployments.find(([, d]) => d.Properties.DistributionPaths)![1];
      expect(entry.Properties.DistributionPaths).toEqual(['/*']);
      expect(entry.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
      const markers = JSON.stringify(entry.Properties.SourceMarkers);
      expect(markers).toMatch(/"Ref":"RealtimeApi\w+"/);
    });
  });

  describe('keys, secrets and settings', () => {
    it('rotates the customer-managed key', () => {
      template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    });

    it('creates the JWT key pair and Google OAuth secrets empty and encrypted with the key, for the operator to fill', () => {
      const secrets = resourcesOf(template, 'AWS::SecretsManager::Secret').filter(
        ([id]) => !id.startsWith('KeysUnsubscribeKey'),
      );
      expect(secrets).toHaveLength(3);
      for (const [, secret] of secrets) {
        expect(secret.Properties.GenerateSecretString).toBeUndefined();
        expect(secret.Properties.SecretString).toBeUndefined();
        expect(secret.Properties.KmsKeyId).toEqual({
          'Fn::GetAtt': [expect.stringMatching(/^KeysKey/), 'Arn'],
        });
      }
    });

    it('generates the unsubscribe-link key at deployment, encrypted with the key and never in the template', () => {
      const [[, secret]] = resourcesOf(template, 'AWS::SecretsManager::Secret').filter(([id]) =>
        id.startsWith('KeysUnsubscribeKey'),
      ) as [[string, Resource]];
      expect(secret.Properties.GenerateSecretString).toEqual({
        ExcludePunctuation: true,
        PasswordLength: 64,
      });
      expect(secret.Properties.SecretString).toBeUndefined();
      expect(secret.Properties.KmsKeyId).toEqual({
        'Fn::GetAtt': [expect.stringMatching(/^KeysKey/), 'Arn'],
      });
    });

    it('records the mail-from address and app URL as SSM parameters', () => {
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/portico/mail-from', Value: mailFrom });
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: '/portico/app-url',
        Value: Match.anyValue(),
      });
    });

    it('verifies the mail domain in SES', () => {
      template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.portico.test' });
    });

    it('outputs what operators and the frontend need', () => {
      for (const output of [
        'SiteUrl',
        'HttpApiUrl',
        'WebSocketUrl',
        'TableName',
        'EngagementsBucketName',
        'JwtPrivateKeySecretArn',
        'JwtPublicKeySecretArn',
        'GoogleOAuthSecretArn',
        'AlarmTopicArn',
        'DkimRecord1',
      ]) {
        template.hasOutput(output, { Value: Match.anyValue() });
      }
    });
  });

  describe('cdk-nag', () => {
    it('leaves no unacknowledged AwsSolutions error or warning', () => {
      expect(violationsOf(nagReport)).toEqual([]);
    });

    it('acknowledges findings with a reason on the constructs that cause them, never on the whole stack', () => {
      const acknowledged = (construct: IConstruct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) => Object.entries(entry.data as Record<string, string>));
      expect(acknowledged(stack)).toEqual([]);
      const all = stack.node.findAll().flatMap(acknowledged);
      expect(all.length).toBeGreaterThan(0);
      for (const [id, reason] of all) {
        expect(id).toMatch(/AwsSolutions-/);
        expect(reason.length).toBeGreaterThan(40);
      }
    });
  });
});

describe('PorticoStack deployed to a concrete account, with engagement-file access', () => {
  const reader: FunctionDefinition = {
    name: 'engagement-reader',
    entry: 'functions/engagements/handler.ts',
    description: 'Reads engagement files',
    permissions: { table: 'read', engagementsBucket: 'read' },
  };
  const writer: FunctionDefinition = {
    ...reader,
    name: 'engagement-writer',
    description: 'Writes engagement files',
    permissions: { table: 'readWrite', engagementsBucket: 'readWrite' },
  };
  let template: Template;
  let nagReport: ReturnType<typeof synth>['nagReport'];
  let siteBuild: string;

  beforeAll(() => {
    siteBuild = makeSiteBuild();
    ({ template, nagReport } = synth({
      env: { account: '123456789012', region: 'eu-west-1' },
      functions: [...functions, reader, writer],
      siteAssetPath: siteBuild,
    }));
  });
  afterAll(() => rmSync(siteBuild, { recursive: true, force: true }));

  it('still leaves no unacknowledged AwsSolutions finding when ARNs carry a literal account and region', () => {
    expect(violationsOf(nagReport)).toEqual([]);
  });

  it('lets readers list and read engagement files only, and writers add them, deleting only staged uploads', () => {
    const readerActions = actionsOf(template, reader.name);
    expect(readerActions).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']),
    );
    expect(readerActions).not.toContain('s3:PutObject');
    expect(readerActions.filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
    const writes = statementsOf(template, writer.name).filter((s) =>
      [s.Action].flat().includes('s3:PutObject'),
    );
    expect(writes.map((s) => flat(s.Resource)).sort()).toEqual([
      expect.stringMatching(/^<EngagementsBucket\w+\.Arn>\/engagements\/\*$/),
      expect.stringMatching(/^<EngagementsBucket\w+\.Arn>\/staging\/\*$/),
    ]);
    const deletes = statementsOf(template, writer.name).filter((s) =>
      [s.Action].flat().some((a) => String(a).startsWith('s3:Delete')),
    );
    expect(deletes.map((s) => flat(s.Resource))).toEqual([
      expect.stringMatching(/^<EngagementsBucket\w+\.Arn>\/staging\/\*$/),
    ]);
  });
});

describe('PorticoStack without a frontend build', () => {
  it('synthesizes without deploying the site', () => {
    const { template, nagReport } = synth({ siteAssetPath: join(tmpdir(), 'portico-no-such-build') });
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
    template.resourceCountIs('AWS::CloudFront::Distribution', 1);
    expect(violationsOf(nagReport)).toEqual([]);
  });
});

describe('PorticoStack bundling real handlers', () => {
  it('fails clearly when a manifest entry file does not exist', () => {
    const missing: FunctionDefinition = {
      name: 'ghost',
      entry: 'functions/ghost/handler.ts',
      description: 'Has no handler file',
      permissions: { table: 'read' },
    };
    const build = () =>
      new PorticoStack(new App({ context }), 'Portico', {
        mailFrom,
        functions: [missing],
        siteAssetPath: join(tmpdir(), 'portico-no-such-build'),
      });
    expect(build).toThrow(MissingHandlerError);
    expect(build).toThrow('ghost → functions/ghost/handler.ts');
  });
});
