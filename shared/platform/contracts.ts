import { defineRoute } from '../http/route';

export const platformRoutes = {
  openApi: defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    name: 'get-openapi',
    access: 'public',
    summary: 'This API as an OpenAPI 3.1 document',
  }),
  reference: defineRoute({
    method: 'GET',
    path: '/api/docs',
    name: 'get-reference',
    access: 'public',
    summary: 'A readable reference page for this API',
  }),
} as const;
