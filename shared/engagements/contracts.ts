import { z } from 'zod';
import { id, page, pageQuery, requiredMultiLineText, requiredText, text } from '../http/contracts';
import { defineRoute } from '../http/route';
import { documentText } from '../http/text';

export const taskStatus = z.enum(['done', 'pending', 'skipped']);

const counts = z.object({
  total: z.number().int(),
  done: z.number().int(),
  pending: z.number().int(),
  skipped: z.number().int(),
  percentComplete: z.number().int(),
});

const phaseSummary = z.object({ number: z.number().int().nullable(), title: z.string(), counts });

export const engagementSummaryView = z.object({
  id,
  orgId: id,
  organizationName: z.string(),
  projectName: z.string(),
  version: z.number().int(),
  clientCanEditTasks: z.boolean(),
  phases: z.array(phaseSummary),
  totals: counts,
  currentPhase: z
    .object({ index: z.number().int(), number: z.number().int().nullable(), title: z.string() })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  /** True when nothing changed for `stalledAfterDays` and work is still pending. */
  stalled: z.boolean(),
});
export type EngagementSummaryView = z.infer<typeof engagementSummaryView>;

export const taskView = z.object({
  id: z.string(),
  line: z.number().int(),
  depth: z.number().int(),
  status: taskStatus,
  text: z.string(),
});

export const engagementView = engagementSummaryView.extend({
  checklist: z.array(phaseSummary.extend({ line: z.number().int(), tasks: z.array(taskView) })),
});
export type EngagementView = z.infer<typeof engagementView>;

/** A task id as the parser makes it: line number and a hash of the task's text. */
const taskId = z.string().regex(/^L\d{1,7}-[0-9a-f]{4,16}$/, 'Not a task id');

const engagementParams = z.strictObject({ orgId: id, engagementId: id });
const taskParams = z.strictObject({ orgId: id, engagementId: id, taskId });
const orgParams = z.strictObject({ orgId: id });

/** Largest checklist accepted, in bytes of UTF-8. */
export const maxChecklistBytes = 256 * 1024;

export const createEngagementInput = z.strictObject({
  projectName: requiredText(80),
  clientCanEditTasks: z.boolean().default(true),
  /** A checklist to start from; the default five-phase template when absent. */
  content: documentText(maxChecklistBytes).optional(),
});

export const updateEngagementInput = z
  .strictObject({
    version: z.number().int().min(1),
    projectName: requiredText(80).optional(),
    clientCanEditTasks: z.boolean().optional(),
  })
  .refine(
    (value) => value.projectName !== undefined || value.clientCanEditTasks !== undefined,
    'Nothing to change',
  );

export const replaceContentInput = z.strictObject({
  /** The version the upload replaces; a newer one on the server means someone else changed it (409). */
  version: z.number().int().min(1),
  content: documentText(maxChecklistBytes, { required: true }),
});

export const setTaskStatusInput = z.strictObject({ version: z.number().int().min(1), status: taskStatus });

export const addNoteInput = z.strictObject({ text: requiredMultiLineText(2000) });
export const noteView = z.object({ id, at: z.string(), author: z.string(), text: z.string() });

export const versionView = z.object({
  version: z.number().int(),
  at: z.string(),
  author: z.string(),
  change: z.string(),
  totals: counts,
});

export const contentQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });
export const diffQuery = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});
export const diffView = z.object({ from: z.number().int(), to: z.number().int(), unifiedDiff: z.string() });

export const overviewQuery = pageQuery.extend({
  q: text(100).toLowerCase().optional(),
  /** Days without a change after which unfinished work counts as stalled. */
  stalledAfterDays: z.coerce.number().int().min(1).max(365).default(14),
  only: z.enum(['all', 'stalled', 'active', 'complete']).default('all'),
  sort: z.enum(['updated', 'name']).default('updated'),
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
    query: z.strictObject({ stalledAfterDays: z.coerce.number().int().min(1).max(365).default(14) }),
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
    summary: 'Upload a new checklist (UTF-8 markdown with at least one phase; version-checked)',
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
    summary: 'Mark one task done, pending or skipped (only that marker changes in the file)',
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
} as const;
