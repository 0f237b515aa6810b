import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../functions/manifest';
import { leadFormRoutes } from '../shared/lead-form/contracts';
import { projectRoot } from './constructs/functions';
import { PorticoStack } from './portico-stack';
import { httpRouteResources, type Resource } from './test-support';

/**
 * The public lead form answers CORS itself, per organization. That only works if API Gateway passes
 * preflights through (an OPTIONS route per public path, no API-wide CORS settings, which would answer
 * preflights with one static list and drop the function's headers) and CloudFront forwards `OPTIONS` and
 * the `Origin` header uncached.
 */
describe('the lead form on AWS', () => {
  let template: Template;
  let stack: PorticoStack;
  const resources = (type: string) => Object.entries(template.findResources(type)) as [string, Resource][];

  beforeAll(() => {
    const context = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')).context;
    const app = new App({ context });
    stack = new PorticoStack(app, 'Portico', {
      mailFrom: 'Portico <no-reply@mail.portico.test>',
      functionCode: () => lambda.Code.fromInline('export const handler = async () => ({});'),
    });
    template = Template.fromStack(stack);
  });

  const leadFormFunctionId = () => {
    const found = resources('AWS::Lambda::Function').find(
      ([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'lead-form',
    );
    if (!found) throw new Error('No lead-form Lambda');
    return found[0];
  };

  const routeKeys = () =>
    Object.values(httpRouteResources(stack.httpApi)).filter(
      (route) =>
        route.Type === 'AWS::ApiGatewayV2::Route' && route.Properties.ApiId.Ref.startsWith('HttpApi'),
    );

  it('routes an OPTIONS preflight for every public lead-form path to the lead-form function', () => {
    const publicPaths = [...new Set(Object.values(leadFormRoutes).map((route) => route.path))];
    expect(publicPaths).toEqual(['/api/public/forms/{slug}', '/api/public/leads/{slug}']);
    const integrations = httpRouteResources(stack.httpApi);
    for (const path of publicPaths) {
      const preflight = routeKeys().find((route) => route.Properties.RouteKey === `OPTIONS ${path}`);
      expect(preflight, `OPTIONS ${path}`).toBeDefined();
      // No authorizer: browsers send preflights without credentials.
      expect(preflight!.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
      const integrationId = flattenCfnReference(preflight!.Properties.Target).match(
        /^integrations\/<(\w+)>$/,
      )![1]!;
      expect(integrations[integrationId]!.Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [leadFormFunctionId(), 'Arn'],
      });
    }
    // OPTIONS exists only where a function answers it.
    const preflights = routeKeys().filter((route) => route.Properties.RouteKey.startsWith('OPTIONS '));
    expect(preflights).toHaveLength(publicPaths.length);
  });

  it('leaves CORS to the functions: the HTTP API has no CORS configuration of its own', () => {
    const [[, api]] = resources('AWS::ApiGatewayV2::Api').filter(
      ([, candidate]) => candidate.Properties.ProtocolType === 'HTTP',
    ) as [[string, Resource]];
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('has CloudFront forward OPTIONS and the Origin header to the API uncached, adding no CORS headers', () => {
    const [[, distribution]] = resources('AWS::CloudFront::Distribution') as [[string, Resource]];
    const apiBehavior = distribution.Properties.DistributionConfig.CacheBehaviors.find(
      (behavior: { PathPattern: string }) => behavior.PathPattern === '/api/*',
    );
    expect(apiBehavior.AllowedMethods).toContain('OPTIONS');
    expect(apiBehavior.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    // Managed-AllViewerExceptHostHeader: Origin and the Access-Control-Request-* headers reach the API.
    expect(apiBehavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
    for (const [, policy] of resources('AWS::CloudFront::ResponseHeadersPolicy'))
      expect(policy.Properties.ResponseHeadersPolicyConfig.CorsConfig).toBeUndefined();
  });

  it('serves the hosted form page as the app and the embed script as a file', () => {
    const [[, rewrite]] = resources('AWS::CloudFront::Function') as [[string, Resource]];
    const handler = new Function(`${rewrite.Properties.FunctionCode}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };
    expect(handler({ request: { uri: '/lead/brightside-plumbing' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/embed/lead-form.js' } }).uri).toBe('/embed/lead-form.js');
  });

  it('runs the public function without the signing key or email: it only stores leads and tells the bus', () => {
    const leadForm = functions.find((fn) => fn.name === 'lead-form')!;
    expect(leadForm.permissions).toEqual({ table: 'readWrite', publishEvents: true });
    expect(leadForm.routes?.every((route) => route.access === 'public')).toBe(true);
  });
});
