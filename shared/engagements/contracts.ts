import { id, page, pageQuery, requiredMultiLineText, requiredText, text } from '../http/contracts';
import { defineRoute } from '../http/route';
import { documentText, singleLineText } from '../http/text';
import * as z from '../schema/zod';
import { isSingleGrapheme } from './markers';

/** What a task's marker means; `inProgress` for started work (`[/]`, or `[~]` where a legend says so). */
export const taskStatus = z.enum(['done', 'pending', 'skipped', 'inProgress']);
/** A task's status as read: `unknown` when nothing says what its marker means. */
export const taskState = z.enum(['done', 'pending', 'skipped', 'inProgress', 'unknown']);

/** One character as written between a task's brackets: `x`, `~`, `√`, `✅` (a single grapheme). */
export const taskMarker = singleLineText(16).check(
  z.minLength(1),
  z.refine((value) => isSingleGrapheme(value) && value !== '[' && value !== ']', 'Must be one character'),
);

const counts = z.object({
  total: z.number().check(z.int()),
  done: z.number().check(z.int()),
  inProgress: z.number().check(z.int()),
  pending: z.number().check(z.int()),
  skipped: z.number().check(z.int()),
  /** Tasks with a marker neither the organization's settings, the file's legend nor the defaults explain. */
  unknown: z.number().check(z.int()),
  percentComplete: z.number().check(z.int()),
});

const phaseSummary = z.object({ number: z.nullable(z.number().check(z.int())), title: z.string(), counts });

export const engagementSummaryView = z.object({
  id,
  orgId: id,
  organizationName: z.string(),
  projectName: z.string(),
  version: z.number().check(z.int()),
  clientCanEditTasks: z.boolean(),
  phases: z.array(phaseSummary),
  totals: counts,
  currentPhase: z.nullable(
    z.object({
      index: z.number().check(z.int()),
      number: z.nullable(z.number().check(z.int())),
      title: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** True when nothing changed for `stalledAfterDays` and work is still pending. */
  stalled: z.boolean(),
});
export type EngagementSummaryView = z.infer<typeof engagementSummaryView>;

export const taskView = z.object({
  id: z.string(),
  line: z.number().check(z.int()),
  depth: z.number().check(z.int()),
  status: taskState,
  text: z.string(),
  /** The marker exactly as written in the file. */
  marker: z.string(),
  /** The heading within the phase the task sits under; null right under the phase heading. */
  section: z.nullable(z.string()),
});

export const legendEntryView = z.object({
  marker: z.string(),
  label: z.string(),
  status: z.nullable(taskStatus),
  line: z.number().check(z.int()),
});

export const engagementView = z.extend(engagementSummaryView, {
  checklist: z.array(z.extend(phaseSummary, { line: z.number().check(z.int()), tasks: z.array(taskView) })),
  /** Marker definitions found in the file (`[~] = in progress`), as hints. */
  legend: z.array(legendEntryView),
  /** Set when a tick made on an older version was applied to this newer one. */
  mergedOntoVersion: z.optional(z.number().check(z.int())),
});
export type EngagementView = z.infer<typeof engagementView>;

/** A task id as the parser makes it: line number and a hash of the task's text. */
const taskId = z.string().check(z.regex(/^L\d{1,7}-[0-9a-f]{4,16}$/, 'Not a task id'));

const engagementParams = z.strictObject({ orgId: id, engagementId: id });
const taskParams = z.strictObject({ orgId: id, engagementId: id, taskId });
const orgParams = z.strictObject({ orgId: id });
const uploadParams = z.strictObject({ orgId: id, engagementId: id, uploadId: id });

/** Largest checklist accepted in a JSON body, in bytes of UTF-8. */
export const maxChecklistBytes = 256 * 1024;
/** Largest checklist accepted as an uploaded file. */
export const maxUploadBytes = 5 * 1024 * 1024;

export const createEngagementInput = z.strictObject({
  projectName: requiredText(80),
  clientCanEditTasks: z._default(z.boolean(), true),
  /** A checklist to start from; the default five-phase template when absent. */
  content: z.optional(documentText(maxChecklistBytes)),
});

export const updateEngagementInput = z
  .strictObject({
    version: z.number().check(z.int(), z.gte(1)),
    projectName: z.optional(requiredText(80)),
    clientCanEditTasks: z.optional(z.boolean()),
  })
  .check(
    z.refine(
      (value) => value.projectName !== undefined || value.clientCanEditTasks !== undefined,
      'Nothing to change',
    ),
  );

export const replaceContentInput = z.strictObject({
  /** The version the upload replaces; a newer one on the server means someone else changed it (409). */
  version: z.number().check(z.int(), z.gte(1)),
  content: documentText(maxChecklistBytes, { required: true }),
});

export const setTaskStatusInput = z.strictObject({
  /** The version the tick was made on; an older one is merged when the task's line is unchanged since. */
  version: z.number().check(z.int(), z.gte(1)),
  status: taskStatus,
  /** The marker to write (e.g. the task's own `~` back again); by default the file's usual one for the status. */
  marker: z.optional(taskMarker),
});

const markerSetting = z.strictObject({ marker: taskMarker, status: taskStatus });

export const markerSettingsView = z.object({
  /** 0 until the organization first saves its settings. */
  version: z.number().check(z.int()),
  markers: z.array(markerSetting),
  updatedAt: z.nullable(z.string()),
  updatedBy: z.nullable(z.string()),
});
export type MarkerSettingsView = z.infer<typeof markerSettingsView>;

export const updateMarkerSettingsInput = z.strictObject({
  version: z.number().check(z.int(), z.gte(0)),
  markers: z.array(markerSetting).check(
    z.maxLength(40),
    z.refine((list) => new Set(list.map((m) => m.marker)).size === list.length, 'Each marker once'),
  ),
});

/** A markdown file the browser is about to upload: only its type and size, checked again by S3. */
export const createUploadInput = z.strictObject({
  contentType: z
    .string()
    .check(
      z.maxLength(100),
      z.regex(/^text\/markdown(?:;\s*charset=utf-8)?$/i, 'Upload a markdown file (text/markdown)'),
    ),
  size: z.number().check(z.int(), z.gte(1, 'The file is empty'), z.lte(maxUploadBytes, 'At most 5 MB')),
});

export const uploadView = z.object({
  uploadId: id,
  /** POST a multipart form to this URL: every field below, then the file as `file`. */
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  maxBytes: z.number().check(z.int()),
  expiresAt: z.string(),
});
export type UploadView = z.infer<typeof uploadView>;

export const completeUploadInput = z.strictObject({
  /** The version the upload replaces; a newer one on the server means someone else changed it (409). */
  version: z.number().check(z.int(), z.gte(1)),
});

export const addNoteInput = z.strictObject({ text: requiredMultiLineText(2000) });
export const noteView = z.object({ id, at: z.string(), author: z.string(), text: z.string() });

export const versionView = z.object({
  version: z.number().check(z.int()),
  at: z.string(),
  author: z.string(),
  change: z.string(),
  totals: counts,
});

export const contentQuery = z.strictObject({
  version: z.optional(z.coerce.number().check(z.int(), z.gte(1))),
});
export const diffQuery = z.strictObject({
  from: z.coerce.number().check(z.int(), z.gte(1)),
  to: z.coerce.number().check(z.int(), z.gte(1)),
});
export const diffView = z.object({
  from: z.number().check(z.int()),
  to: z.number().check(z.int()),
  unifiedDiff: z.string(),
});

export const overviewQuery = z.extend(pageQuery, {
  q: z.optional(text(100).check(z.toLowerCase())),
  /** Days without a change after which unfinished work counts as stalled. */
  stalledAfterDays: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(365)), 14),
  only: z._default(z.enum(['all', 'stalled', 'active', 'complete']), 'all'),
  sort: z._default(z.enum(['updated', 'name']), 'updated'),
});
export type OverviewQuery = z.infer<typeof overviewQuery>;

export const engagementRoutes = {
  overview: defineRoute({
    method: 'GET',
    path: '/api/engagements',
    name: 'list-all-engagements',
    access: 'admin',
    summary: 'Every engagement with its progress, current phase and stalled flag (served from the table)',
    query: overviewQuery,
    response: page(engagementSummaryView),
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/engagements',
    name: 'create-engagement',
    access: 'admin',
    summary: 'Start an engagement from the default template or an uploaded checklist',
    params: orgParams,
    body: createEngagementInput,
    response: engagementView,
    status: 201,
    maxBodyBytes: maxChecklistBytes + 4096,
  }),
  listForOrganization: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/engagements',
    name: 'list-engagements',
    access: 'org-member',
    summary: "The organization's engagements",
    params: orgParams,
    query: pageQuery,
    response: page(engagementSummaryView),
  }),
  get: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/engagements/{engagementId}',
    name: 'get-engagement',
    access: 'org-member',
    summary: 'One engagement: phases, tasks and progress',
    params: engagementParams,
    query: z.strictObject({
      stalledAfterDays: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(365)), 14),
    }),
    response: engagementView,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/orgs/{orgId}/engagements/{engagementId}',
    name: 'update-engagement',
    access: 'admin',
    summary: 'Rename the project or allow / forbid clients to tick tasks',
    params: engagementParams,
    body: updateEngagementInput,
    response: engagementView,
  }),
  replaceContent: defineRoute({
    method: 'PUT',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/content',
    name: 'replace-engagement-content',
    access: 'admin',
    summary: 'Replace the checklist with new text (UTF-8 markdown, any headings; version-checked)',
    params: engagementParams,
    body: replaceContentInput,
    response: engagementView,
    maxBodyBytes: maxChecklistBytes * 2 + 4096,
  }),
  download: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/content',
    name: 'download-engagement',
    access: 'org-member',
    summary: 'The checklist as `todo_<Project>.md`, current or any earlier version',
    params: engagementParams,
    query: contentQuery,
  }),
  setTaskStatus: defineRoute({
    method: 'PATCH',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/tasks/{taskId}',
    name: 'set-task-status',
    access: 'org-member',
    summary:
      'Mark one task done, in progress, pending or skipped (only that marker changes; a tick on an older version is merged when its line is unchanged)',
    params: taskParams,
    body: setTaskStatusInput,
    response: engagementView,
  }),
  versions: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/versions',
    name: 'list-engagement-versions',
    access: 'org-member',
    summary: 'Every version of the checklist, newest first, with who changed it and when',
    params: engagementParams,
    query: pageQuery,
    response: page(versionView),
  }),
  diff: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/diff',
    name: 'diff-engagement-versions',
    access: 'org-member',
    summary: 'A unified diff between two versions',
    params: engagementParams,
    query: diffQuery,
    response: diffView,
  }),
  addNote: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/notes',
    name: 'add-engagement-note',
    access: 'org-member',
    summary: 'Add a note to the engagement',
    params: engagementParams,
    body: addNoteInput,
    response: noteView,
    status: 201,
  }),
  notes: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/notes',
    name: 'list-engagement-notes',
    access: 'org-member',
    summary: 'Notes on the engagement, newest first',
    params: engagementParams,
    query: pageQuery,
    response: page(noteView),
  }),
  createUpload: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/uploads',
    name: 'create-engagement-upload',
    access: 'admin',
    summary: 'Start uploading a checklist file: a presigned S3 POST (text/markdown, at most 5 MB)',
    params: engagementParams,
    body: createUploadInput,
    response: uploadView,
    status: 201,
  }),
  completeUpload: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/engagements/{engagementId}/uploads/{uploadId}/complete',
    name: 'complete-engagement-upload',
    access: 'admin',
    summary: 'Make an uploaded file the next version once it is valid UTF-8 text (version-checked)',
    params: uploadParams,
    body: completeUploadInput,
    response: engagementView,
  }),
  markerSettings: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/engagement-markers',
    name: 'get-engagement-markers',
    access: 'org-member',
    summary: "What the organization's task markers mean (e.g. `~` in progress)",
    params: orgParams,
    response: markerSettingsView,
  }),
  updateMarkerSettings: defineRoute({
    method: 'PUT',
    path: '/api/orgs/{orgId}/engagement-markers',
    name: 'update-engagement-markers',
    access: 'org-owner',
    summary: "Set what the organization's task markers mean; every summary counts by it (version-checked)",
    params: orgParams,
    body: updateMarkerSettingsInput,
    response: markerSettingsView,
  }),
} as const;
