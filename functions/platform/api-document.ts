import { buildOpenApi, renderReferencePage } from '../../shared/platform/openapi';
import { functions } from '../manifest';

/**
 * The OpenAPI document and the reference page, which only change with a deployment. Built where this module
 * loads: at start in the local cloud, and at bundle time for Lambda (`prebuiltApiDocument` in
 * infra/bundling.ts inlines them), so a cold start neither converts every zod schema nor loads every
 * module's contracts.
 */
const documented = functions.flatMap((fn) => (fn.routes ?? []).map((route) => ({ module: fn.name, route })));

export const openApiDocument = buildOpenApi(documented);
export const referencePage = renderReferencePage(documented);
