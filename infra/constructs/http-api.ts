import { NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Functions } from './functions';

/** Props of {@link HttpApi}. */
export interface HttpApiProps {
  /**
   * Steady-state requests per second and burst for every route of the stage.
   * @default { rateLimit: 200, burstLimit: 400 }
   */
  readonly throttle?: apigwv2.ThrottleSettings;
  /**
   * How long access logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The HTTP API behind CloudFront's `/api/*`: one route per manifest route (`GET /api/orgs/{orgId}`),
 * each integrated with its module's function (payload format 2.0), on a throttled, access-logged
 * `$default` stage, so paths keep their `/api` prefix exactly as the handlers' route tables expect.
 *
 * Each function's routes, integration and invoke permission live in a nested stack of their own: with
 * over two hundred routes the one stack would pass CloudFormation's 500-resource limit, and a module
 * that gains routes now grows only its own nested stack.
 */
export class HttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  /** One nested stack per function with HTTP routes, keyed by the manifest's function name. */
  readonly routeStacks = new Map<string, NestedStack>();

  constructor(scope: Construct, id: string, props: HttpApiProps = {}) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Portico API (served to browsers through CloudFront under /api)',
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }

  /** Host name of the API, the origin CloudFront forwards `/api/*` to. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /** The API's own invoke URL (browsers use the site's `/api` instead). */
  get url(): string {
    return this.stage.url;
  }

  /** Adds one route per manifest route of every function, integrated with that function. */
  addRoutes(functions: Functions): void {
    for (const { definition, handler } of functions.all) {
      if (!definition.routes?.length) continue;
      const routeStack = new NestedStack(this, `${definition.name}-routes`, {
        description: `Portico HTTP routes of the ${definition.name} function`,
      });
      this.routeStacks.set(definition.name, routeStack);
      const integration = new HttpLambdaIntegration(`${definition.name}-integration`, handler, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        // One permission for the whole API instead of one per route: per-route statements would outgrow
        // the 20 KB Lambda resource policy limit as modules gain routes.
        scopePermissionToRoute: false,
      });
      for (const route of definition.routes) {
        const httpRoute = new apigwv2.HttpRoute(routeStack, route.name, {
          httpApi: this.api,
          routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
          integration,
        });
        // API Gateway's JWT authorizer needs an OIDC issuer; Portico signs its own EdDSA tokens and
        // decides per route (role x organization x resource), which only the function can do.
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Each function verifies the Portico access token (EdDSA, pinned algorithm, iss/aud/exp/typ) ' +
            'and applies the route policy; public routes (sign-in, lead form, OpenAPI) are public by design.',
        });
      }
    }
  }
}
