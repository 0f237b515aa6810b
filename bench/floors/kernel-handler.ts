import { bind, httpModule } from '../../shared/http/module';
import { defineRoute } from '../../shared/http/route';
import * as z from '../../shared/schema/zod';

// For information: a module with one route that answers its caller's organization id, so it loads only
// what every HTTP function shares (logging, body parsing, authentication with jose and the user read, the
// route policy, zod validation, problem errors). What a function loads beyond it is its own routes,
// services and clients.
const whoAmI = defineRoute({
  method: 'GET',
  path: '/api/orgs/{orgId}/bench',
  name: 'bench-kernel',
  access: 'org-member',
  summary: 'Answers the organization id',
  response: z.object({ orgId: z.string() }),
});

export const handler = httpModule([bind(whoAmI, async ({ params }) => ({ body: { orgId: params.orgId } }))]);
