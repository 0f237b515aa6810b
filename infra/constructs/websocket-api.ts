import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Functions } from './functions';
import { acknowledgeManagedPolicy, acknowledgeWildcardResource } from './nag';

/** Props of {@link WebSocketApi}. */
export interface WebSocketApiProps {
  /**
   * Name of the stage, and the last part of the `@connections` endpoint.
   * @default 'production'
   */
  readonly stageName?: string;
  /**
   * Steady-state messages per second and burst across all connections.
   * @default { rateLimit: 500, burstLimit: 1000 }
   */
  readonly throttle?: apigwv2.ThrottleSettings;
  /**
   * How long access logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Sets this region's API Gateway account CloudWatch role, which WebSocket (unlike HTTP) APIs need before
   * a stage may write access logs. Turn it off when the account already manages that role elsewhere.
   * @default true
   */
  readonly configureAccountLogRole?: boolean;
}

/**
 * The WebSocket API for real-time features: one route per `wsRoutes` entry of the manifest, a stage with
 * access logs and throttling, and the `@connections` endpoint that functions post messages to.
 */
export class WebSocketApi extends Construct {
  readonly api: apigwv2.WebSocketApi;
  readonly stage: apigwv2.WebSocketStage;

  constructor(scope: Construct, id: string, props: WebSocketApiProps = {}) {
    super(scope, id);
    this.api = new apigwv2.WebSocketApi(this, 'Api', { description: 'Portico real-time connections' });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    this.stage = new apigwv2.WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: props.stageName ?? 'production',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 500, burstLimit: 1000 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            eventType: '$context.eventType',
            routeKey: '$context.routeKey',
            connectionId: '$context.connectionId',
            status: '$context.status',
            integrationLatency: '$context.integrationLatency',
            error: '$context.error.message',
          }),
        ),
      },
    });

    if (props.configureAccountLogRole ?? true) {
      const pushToLogs = iam.ManagedPolicy.fromAwsManagedPolicyName(
        'service-role/AmazonAPIGatewayPushToCloudWatchLogs',
      );
      const role = new iam.Role(this, 'ApiGatewayLogsRole', {
        assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
        managedPolicies: [pushToLogs],
      });
      // The account setting outlives this stack; so must the role it points to.
      role.applyRemovalPolicy(RemovalPolicy.RETAIN);
      const account = new apigateway.CfnAccount(this, 'ApiGatewayAccount', {
        cloudWatchRoleArn: role.roleArn,
      });
      this.stage.node.addDependency(account);
      // The AWS-maintained policy is the documented one for this account-wide role and tracks new log
      // actions API Gateway needs; a hand-written copy would need the same wildcards.
      acknowledgeManagedPolicy(
        role,
        pushToLogs,
        'AmazonAPIGatewayPushToCloudWatchLogs is the documented policy for the API Gateway account ' +
          'logging role; an inline copy would need the same log-group wildcards.',
      );
    }
  }

  /** `wss://` URL clients connect to. */
  get url(): string {
    return this.stage.url;
  }

  /** `https://` URL of the `@connections` management API (`WS_MANAGEMENT_ENDPOINT`). */
  get managementEndpoint(): string {
    return this.stage.callbackUrl;
  }

  /** `wss://` origin of the API, for content security policies. */
  get origin(): string {
    const stack = Stack.of(this);
    return `wss://${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /** Lets the role post to, read and close any connection of this API's stage. */
  grantManageConnections(role: iam.Role): void {
    const connections = Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.api.apiId,
      resourceName: `${this.stage.stageName}/*/@connections/*`,
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['execute-api:ManageConnections'], resources: [connections] }),
    );
    // Connection ids exist only at run time; the grant is already limited to one API and stage.
    acknowledgeWildcardResource(
      role,
      connections,
      'Connection ids are only known at run time; the grant is limited to this API stage.',
    );
  }

  /** Adds a route for every `wsRoutes` entry of the manifest, integrated with that entry's function. */
  addRoutes(functions: Functions): void {
    for (const { definition, handler } of functions.all) {
      if (!definition.wsRoutes?.length) continue;
      const integration = new WebSocketLambdaIntegration(`${definition.name}-integration`, handler);
      for (const routeKey of definition.wsRoutes) {
        const route = this.api.addRoute(routeKey, { integration });
        // Browsers cannot set headers on a WebSocket handshake, so an IAM or JWT authorizer does not fit;
        // $connect redeems a short-lived single-use ticket and refuses the connection otherwise.
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            '$connect authenticates a short-lived single-use ticket issued over the authenticated HTTP ' +
            'API (OWASP ASVS 14.2.1); later messages belong to that authenticated connection.',
        });
      }
    }
  }
}
