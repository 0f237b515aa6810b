import { bind, httpModule } from '../../shared/http/module';
import { importRoutes } from '../../shared/imports/contracts';
import { checkImportRoute } from './check-import';
import { completeImportUploadRoute } from './complete-import-upload';
import { createImportRoute } from './create-import';
import { downloadImportRejectionsRoute } from './download-import-rejections';
import { getImportRoute } from './get-import';
import { previewImportRoute } from './preview-import';
import { runImportRoute } from './run-import';

export const handler = httpModule([
  bind(importRoutes.createImport, createImportRoute),
  bind(importRoutes.getImport, getImportRoute),
  bind(importRoutes.completeUpload, completeImportUploadRoute),
  bind(importRoutes.previewImport, previewImportRoute),
  bind(importRoutes.checkImport, checkImportRoute),
  bind(importRoutes.runImport, runImportRoute),
  bind(importRoutes.downloadRejected, downloadImportRejectionsRoute),
]);
