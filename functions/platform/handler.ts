import { bind, httpModule } from '../../shared/http/module';
import { platformRoutes } from '../../shared/platform/contracts';
import { openApiDocument, referencePage } from './api-document';

export const handler = httpModule([
  bind(platformRoutes.openApi, async () => ({
    body: openApiDocument,
    headers: { 'cache-control': 'public, max-age=300' },
  })),
  bind(platformRoutes.reference, async () => ({
    body: referencePage,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' },
  })),
]);
