import { id, requiredText } from '../http/contracts';
import { defineRoute } from '../http/route';
import { singleLineText } from '../http/text';
import * as z from '../schema/zod';

/**
 * CSV imports into an organization: upload straight to S3, detection and preview, a dry run that lists every
 * bad row and duplicate, then the run as a background job. Targets: the organization's leads, and the
 * attendees of one of its conferences.
 */

/** Largest file an import takes; S3 refuses larger uploads and the upload's completion checks again. */
export const maxImportBytes = 20 * 1024 * 1024;
/** More columns than this is not a contact list. */
export const maxImportColumns = 200;
/** Rows each background step reads, checks and writes. */
export const importChunkRows = 500;

export const importTargets = ['leads', 'attendees'] as const;
export const importTarget = z.enum(importTargets);
export type ImportTargetName = z.infer<typeof importTarget>;

/** Encodings a file may be decoded with (WHATWG labels, as `TextDecoder` takes them). */
export const fileEncodings = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'windows-1250',
] as const;
export const fileEncoding = z.enum(fileEncodings);
export type FileEncoding = z.infer<typeof fileEncoding>;

export const delimiterChoices = [',', ';', '\t', '|'] as const;
export const delimiter = z.enum(delimiterChoices);
export type Delimiter = z.infer<typeof delimiter>;

/**
 * - `uploading`: waiting for the file; `uploaded`: detected, being previewed and mapped;
 * - `checking` → `checked`: the dry run (nothing written) and its summary;
 * - `running` → `completed`; `failed` when a step could not finish (the error says why).
 */
export const importStatuses = [
  'uploading',
  'uploaded',
  'checking',
  'checked',
  'running',
  'completed',
  'failed',
] as const;
export const importStatus = z.enum(importStatuses);
export type ImportStatus = z.infer<typeof importStatus>;

export const createImportInput = z
  .strictObject({
    target: importTarget,
    /** The conference whose attendees an `attendees` import fills; no other target takes one. */
    conferenceId: z.optional(id),
    fileName: requiredText(200),
    /** The file's size in bytes, so a too large file is refused before it is sent. */
    size: z.number().check(z.int(), z.gte(1, 'The file is empty')),
  })
  .check(
    z.refine((input) => (input.target === 'attendees') === (input.conferenceId !== undefined), {
      path: ['conferenceId'],
      message: 'An attendee import names its conference; other imports name none',
    }),
  );
export type CreateImportInput = z.infer<typeof createImportInput>;

/** How to read the file: the user confirms or corrects what detection found, and maps its columns. */
export const importSettings = z.strictObject({
  encoding: fileEncoding,
  delimiter,
  hasHeader: z.boolean(),
  /** One entry per column of the file: the target field it fills, or null to ignore the column. */
  mapping: z.array(z.nullable(singleLineText(40))).check(z.maxLength(200)),
});
export type ImportSettings = z.infer<typeof importSettings>;

export const previewInput = z.partial(importSettings);
export type PreviewInput = z.infer<typeof previewInput>;

/** A reason one row cannot be imported: a cell's (column named) or the whole row's. */
export const rowProblem = z.object({
  line: z.number().check(z.int()),
  column: z.nullable(z.string()),
  message: z.string(),
});
export type RowProblem = z.infer<typeof rowProblem>;

/** Rows of the file that share a key (an email address, a phone number): only the first is imported. */
export const duplicateGroup = z.object({
  key: z.string(),
  value: z.string(),
  lines: z.array(z.number().check(z.int())),
});
export type DuplicateGroup = z.infer<typeof duplicateGroup>;

/** A row that matches a record the organization has already. */
export const existingMatch = z.object({
  line: z.number().check(z.int()),
  recordId: z.string(),
  label: z.string(),
  outcome: z.enum(['updated', 'unchanged']),
});
export type ExistingMatch = z.infer<typeof existingMatch>;

export const importCounts = z.object({
  new: z.number().check(z.int()),
  updated: z.number().check(z.int()),
  unchanged: z.number().check(z.int()),
  rejected: z.number().check(z.int()),
});
export type ImportCounts = z.infer<typeof importCounts>;

export const importPhase = z.extend(importCounts, {
  /** Rows of the phase done so far, of `totalRows`. */
  rowsDone: z.number().check(z.int()),
  chunksDone: z.number().check(z.int()),
  startedAt: z.string(),
  finishedAt: z.nullable(z.string()),
});
export type ImportPhase = z.infer<typeof importPhase>;

export const encodingGuess = z.object({
  encoding: fileEncoding,
  bom: z.nullable(z.enum(['utf-8', 'utf-16le', 'utf-16be'])),
  certain: z.boolean(),
  note: z.nullable(z.string()),
});

export const importView = z.object({
  id,
  orgId: id,
  target: importTarget,
  conferenceId: z.nullable(id),
  fileName: z.string(),
  size: z.number().check(z.int()),
  status: importStatus,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  detected: z.nullable(z.extend(encodingGuess, { delimiter, hasHeader: z.boolean() })),
  settings: z.nullable(importSettings),
  /** Data rows of the file (header and blank lines not counted). */
  totalRows: z.nullable(z.number().check(z.int())),
  /** Rows refused before any record was read: unreadable rows, bad cells, duplicates within the file. */
  rejectedRows: z.number().check(z.int()),
  /** The first rejected rows; the whole list downloads as CSV. */
  rejectedSample: z.array(rowProblem),
  duplicates: z.array(duplicateGroup),
  existingMatches: z.array(existingMatch),
  check: z.nullable(importPhase),
  run: z.nullable(importPhase),
  error: z.nullable(z.string()),
});
export type ImportView = z.infer<typeof importView>;

export const createdImportView = z.object({
  import: importView,
  /** A presigned POST: send the fields and then the file (`file`) as multipart/form-data to `url`. */
  upload: z.object({
    url: z.string(),
    fields: z.record(z.string(), z.string()),
    maxBytes: z.number().check(z.int()),
  }),
});

export const targetFieldView = z.object({
  name: z.string(),
  label: z.string(),
  required: z.boolean(),
  hint: z.string(),
});

export const previewView = z.object({
  import: importView,
  settings: importSettings,
  /** The file's column names (or `Column 1`, … without a header row). */
  columns: z.array(z.string()),
  /** The first data rows, cells as text. */
  rows: z.array(z.object({ line: z.number().check(z.int()), cells: z.array(z.string()) })),
  fields: z.array(targetFieldView),
  /** What the mapping still lacks, e.g. "Map a column to Email or Phone". */
  missing: z.array(z.string()),
  /** Problems of the previewed rows (the dry run lists them all). */
  problems: z.array(rowProblem),
});
export type PreviewView = z.infer<typeof previewView>;

const orgParams = z.strictObject({ orgId: id });
const importParams = z.strictObject({ orgId: id, importId: id });

export const importRoutes = {
  createImport: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/imports',
    name: 'create-import',
    access: 'org-member',
    summary: `Start a CSV import: answers a presigned POST to upload the file to (at most ${maxImportBytes / 1024 / 1024} MB)`,
    params: orgParams,
    body: createImportInput,
    response: createdImportView,
    status: 201,
  }),
  getImport: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/imports/{importId}',
    name: 'get-import',
    access: 'org-member',
    summary: 'An import with its status, progress, summary, rejected rows and duplicates',
    params: importParams,
    response: importView,
  }),
  completeUpload: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/imports/{importId}/uploaded',
    name: 'complete-import-upload',
    access: 'org-member',
    summary: 'The file is uploaded: check its size and kind, detect encoding, delimiter and header; preview',
    params: importParams,
    response: previewView,
  }),
  previewImport: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/imports/{importId}/preview',
    name: 'preview-import',
    access: 'org-member',
    summary: 'The first rows read with another encoding, delimiter, header choice or mapping',
    params: importParams,
    body: previewInput,
    response: previewView,
  }),
  checkImport: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/imports/{importId}/check',
    name: 'check-import',
    access: 'org-member',
    summary: 'Dry run in the background: every bad row and duplicate, and new / updated / unchanged counts',
    params: importParams,
    body: importSettings,
    response: importView,
    status: 202,
  }),
  runImport: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/imports/{importId}/run',
    name: 'run-import',
    access: 'org-member',
    summary: 'Import the checked file in the background; poll the import for progress',
    params: importParams,
    response: importView,
    status: 202,
  }),
  downloadRejected: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/imports/{importId}/rejected',
    name: 'download-import-rejections',
    access: 'org-member',
    summary: 'The rejected rows as CSV: line, column, reason and the row as it was in the file',
    params: importParams,
    status: 200,
  }),
} as const;
