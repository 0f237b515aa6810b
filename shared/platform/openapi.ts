import { escapeHtml } from '../email/render';
import { problemDetails } from '../http/contracts';
import { problemTypes } from '../http/errors';
import { pathParamNames, type RouteDefinition } from '../http/route';
import * as z from '../schema/zod';

export interface DocumentedRoute {
  readonly module: string;
  readonly route: RouteDefinition;
}

const jsonSchema = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return rest;
};

const accessNote: Record<RouteDefinition['access'], string> = {
  public: 'No sign-in.',
  user: 'Any signed-in user.',
  admin: 'Operator admins only.',
  'org-member': 'Operator admins, or users of the organization in the path (others get 404).',
  'org-owner': 'Operator admins, or the owner of the organization in the path (members 403, others 404).',
  'conference-member':
    'Operator admins, users of the organization in the path, or anyone with a role in the conference (others 404).',
  'conference-organizer':
    'Operator admins, owners of the organization, or the conference’s organizers (other roles 403, others 404).',
};

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** The OpenAPI 3.1 document, generated from the same route definitions and zod schemas the code uses. */
export const buildOpenApi = (routes: readonly DocumentedRoute[]) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { module, route } of routes) {
    const problem = (description: string) => ({
      description,
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    });
    const status = route.status ?? (route.response ? 200 : 204);
    const queryProperties = route.query
      ? ((jsonSchema(route.query, 'input').properties ?? {}) as Record<string, unknown>)
      : {};
    const paramProperties = route.params
      ? ((jsonSchema(route.params, 'input').properties ?? {}) as Record<string, unknown>)
      : {};
    const operation: Record<string, unknown> = {
      operationId: camel(route.name),
      summary: route.summary,
      description: accessNote[route.access],
      tags: [module],
      parameters: [
        ...pathParamNames(route.path).map((name) => ({
          name,
          in: 'path',
          required: true,
          schema: paramProperties[name] ?? { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' },
        })),
        ...Object.entries(queryProperties).map(([name, schema]) => ({
          name,
          in: 'query',
          required: false,
          schema,
        })),
      ],
      responses: {
        [status]: route.response
          ? {
              description: 'Success',
              content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
            }
          : { description: 'Success' },
        ...(route.body || route.query
          ? { 400: problem('Invalid input; `errors` lists each bad field') }
          : {}),
        ...(route.access === 'public' ? {} : { 401: problem('Missing, expired or invalid access token') }),
        ...(route.access === 'admin' ||
        route.access === 'org-owner' ||
        route.access === 'conference-organizer'
          ? { 403: problem('Role not allowed') }
          : {}),
        ...(route.path.includes('{') ? { 404: problem('Not found (or not yours)') } : {}),
      },
      ...(route.access === 'public' ? { security: [] } : {}),
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: {
          [route.formBody ? 'application/x-www-form-urlencoded' : 'application/json']: {
            schema: jsonSchema(route.body, 'input'),
          },
        },
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Portico API',
      version: '1.0.0',
      description: 'Errors are RFC 9457 problem details; lists paginate with an opaque `cursor`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: jsonSchema(problemDetails, 'output') },
    },
  };
};

/** A readable reference page built from the OpenAPI document: one section per route, every value escaped. */
export const renderReferencePage = (routes: readonly DocumentedRoute[]): string => {
  const doc = buildOpenApi(routes);
  const sections = routes
    .map(({ route }) => {
      const operation = doc.paths[route.path]![route.method.toLowerCase()] as Record<string, unknown>;
      const content = (operation.requestBody as { content: Record<string, { schema: unknown }> } | undefined)
        ?.content;
      const body = content ? Object.values(content)[0]?.schema : undefined;
      return `<section id="${escapeHtml(route.name)}">
<h3><span class="method">${route.method}</span> <code>${escapeHtml(route.path)}</code></h3>
<p>${escapeHtml(route.summary)}</p><p class="access">${escapeHtml(accessNote[route.access])}</p>
${body ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ''}
<details><summary>Responses</summary><pre>${escapeHtml(JSON.stringify(operation.responses, null, 2))}</pre></details>
</section>`;
    })
    .join('\n');
  const problems = problemTypes.map((type) => `<li id="problem-${type}"><code>${type}</code></li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portico API reference</title>
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1f2328;line-height:1.5}
section{border-top:1px solid #d0d7de;padding:12px 0}.method{background:#0b5394;color:#fff;padding:2px 8px;border-radius:4px;font-size:14px}
.access{color:#57606a}pre{background:#f6f8fa;padding:12px;overflow:auto;font-size:13px}</style></head>
<body><h1>Portico API reference</h1>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Send <code>Authorization: Bearer &lt;access token&gt;</code>; errors are <code>application/problem+json</code>.</p>
<h2>Routes</h2>${sections}
<h2>Problem types</h2><p>The <code>type</code> of every error response links here.</p><ul>${problems}</ul>
</body></html>`;
};
