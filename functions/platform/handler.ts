import { bind, httpModule } from '../../shared/http/module';
import { platformRoutes } from '../../shared/platform/contracts';
import { buildOpenApi, renderReferencePage } from '../../shared/platform/openapi';
import { functions } from '../manifest';

const documented = functions.flatMap((fn) => (fn.routes ?? []).map((route) => ({ module: fn.name, route })));
// Built once per container: the document only changes with a deployment.
const openApiJson = buildOpenApi(documented);
const referenceHtml = renderReferencePage(documented);

export const handler = httpModule([
  bind(platformRoutes.openApi, async () => ({
    body: openApiJson,
    headers: { 'cache-control': 'public, max-age=300' },
  })),
  bind(platformRoutes.reference, async () => ({
    body: referenceHtml,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
  })),
]);
