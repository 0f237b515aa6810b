import middy from '@middy/core';
import httpRouterHandler from '@middy/http-router';
import type { HttpEvent, HttpResult, RouteImplementation } from './middleware';
import { httpRoute, problemErrors } from './middleware';
import type { RouteDefinition } from './route';

export interface RouteBinding {
  readonly route: RouteDefinition;
  readonly handler: ReturnType<typeof httpRoute>;
}

/** Pairs a route definition with its implementation, type-checked against the route's contracts. */
export const bind = <R extends RouteDefinition>(
  route: R,
  implementation: RouteImplementation<R>,
): RouteBinding => ({
  route,
  handler: httpRoute(route, implementation),
});

/** A module's Lambda entry: one function, many routes, routed inside by middy's http-router. */
export const httpModule = (bindings: readonly RouteBinding[]) => {
  const handler = middy<HttpEvent, HttpResult>(
    httpRouterHandler<HttpEvent, HttpResult>(
      bindings.map(({ route, handler }) => ({ method: route.method, path: route.path, handler })),
    ),
  ).use(problemErrors());
  return Object.assign(handler, { routes: bindings.map((b) => b.route) });
};
