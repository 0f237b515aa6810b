import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { HttpApi } from './constructs/http-api';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON, navigated freely here.
export type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };

/**
 * The HTTP routes and integrations of every route nested stack, with references to the parent stack
 * (the API's id, the functions' ARNs) replaced by the parent's own values, so tests compare them to the
 * parent template's resources as if everything were in one stack.
 */
export const httpRouteResources = (httpApi: HttpApi): Record<string, Resource> => {
  const resources: Record<string, Resource> = {};
  for (const nested of httpApi.routeStacks.values()) {
    const parent = Stack.of(nested.nestedStackResource!);
    const parentId = parent.getLogicalId(nested.nestedStackResource as CfnElement);
    const parentResources = Template.fromStack(parent).toJSON().Resources as Record<string, Resource>;
    const parameters: Record<string, unknown> = parentResources[parentId]!.Properties.Parameters ?? {};
    const resolve = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(resolve);
      if (value && typeof value === 'object') {
        const ref = (value as { Ref?: string }).Ref;
        if (ref && ref in parameters) return parameters[ref];
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
      }
      return value;
    };
    const own = Template.fromStack(nested).toJSON().Resources as Record<string, Resource>;
    for (const [id, resource] of Object.entries(own)) resources[id] = resolve(resource) as Resource;
  }
  return resources;
};
