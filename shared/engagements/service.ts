import { createTwoFilesPatch } from 'diff';
import { ulid } from 'ulid';
import { isOperatorAdmin, type Principal } from '../auth/policy';
import { outboxPut } from '../events/outbox';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  VersionConflictError,
} from '../http/errors';
import { getOrganization } from '../organizations';
import {
  type EngagementSummaryView,
  type EngagementView,
  type MarkerSettingsView,
  maxUploadBytes,
  type OverviewQuery,
  type UploadView,
} from './contracts';
import {
  allTasks,
  type Checklist,
  defaultTemplate,
  InvalidChecklistError,
  legendMap,
  markerForStatus,
  openTasks,
  parseChecklist,
  setTaskMarker,
  TaskNotFoundError,
  taskLine,
  validateChecklistFile,
} from './markdown';
import type { MarkerMap, TaskStatus } from './markers';
import { resolveStatus } from './markers';
import type { EngagementItem, MarkerSettingsItem } from './repository';
import * as engagements from './repository';
import { recount, summarize } from './summary';

const day = 86_400_000;

/** What an organization's settings say its markers mean, with the version they were counted with. */
interface Markers {
  readonly version: number;
  readonly map: MarkerMap;
}

const markersOf = (settings: MarkerSettingsItem | undefined): Markers => ({
  version: settings?.version ?? 0,
  map: new Map((settings?.markers ?? []).map(({ marker, status }) => [marker, status])),
});

const loadMarkers = async (orgId: string) => markersOf(await engagements.getMarkerSettings(orgId));

const isStalled = (engagement: EngagementItem, open: number, stalledAfterDays: number, now = Date.now()) =>
  open > 0 && Date.parse(engagement.updatedAt) < now - stalledAfterDays * day;

/** The summary as the organization's current marker settings count it: no file is read for that. */
export const toSummaryView = (
  engagement: EngagementItem,
  markers: Markers,
  stalledAfterDays = 14,
): EngagementSummaryView => {
  const summary = recount(engagement.summary, markers.map);
  return {
    id: engagement.id,
    orgId: engagement.orgId,
    organizationName: engagement.organizationName,
    projectName: engagement.projectName,
    version: engagement.version,
    clientCanEditTasks: engagement.clientCanEditTasks,
    phases: summary.phases.map(({ number, title, counts }) => ({ number, title, counts })),
    totals: summary.totals,
    currentPhase: summary.currentPhase,
    createdAt: engagement.createdAt,
    updatedAt: engagement.updatedAt,
    updatedBy: engagement.updatedBy,
    stalled: isStalled(engagement, openTasks(summary.totals), stalledAfterDays),
  };
};

const toView = (
  engagement: EngagementItem,
  checklist: Checklist,
  markers: Markers,
  stalledAfterDays = 14,
): EngagementView => ({
  ...toSummaryView(engagement, markers, stalledAfterDays),
  checklist: checklist.phases.map((phase) => ({
    number: phase.number,
    title: phase.title,
    line: phase.line,
    counts: phase.counts,
    tasks: phase.tasks.map(({ id, line, depth, status, text, marker, section }) => ({
      id,
      line,
      depth,
      status,
      text,
      marker,
      section,
    })),
  })),
  legend: [...checklist.legend],
});

/** Checks text like a file: size, UTF-8, no NUL bytes. */
const acceptContent = (content: string) => validateChecklistFile(new TextEncoder().encode(content));

const load = async (orgId: string, engagementId: string) => {
  const engagement = await engagements.getEngagement(orgId, engagementId);
  if (!engagement) throw new NotFoundError();
  return engagement;
};

/** The file of one version: the current one is on the engagement, older ones on their history entry. */
const contentOf = async (engagement: EngagementItem, version = engagement.version) => {
  if (version === engagement.version) return engagements.getContent(engagement.objectKey);
  const entry =
    version < engagement.version
      ? await engagements.getVersion(engagement.orgId, engagement.id, version)
      : undefined;
  if (!entry) throw new NotFoundError(`Version ${version} does not exist`);
  return engagements.getContent(entry.objectKey);
};

const assertVersion = (engagement: EngagementItem, version: number) => {
  if (engagement.version !== version) throw new VersionConflictError(engagement.version);
};

/** A tick made on an older version whose task line has changed since: only the person can decide. */
export class TaskChangedError extends ConflictError {
  constructor(taskId: string, text: string | undefined, seenVersion: number, currentVersion: number) {
    super(
      `${text ? `The task "${text}"` : 'This task'} was changed or removed after version ${seenVersion}, ` +
        `in a version up to ${currentVersion}. Reload the checklist and try again.`,
      { taskId, currentVersion },
    );
    this.name = 'TaskChangedError';
  }
}

export const createEngagement = async (
  principal: Principal,
  orgId: string,
  input: { projectName: string; clientCanEditTasks: boolean; content?: string },
) => {
  const [org, markers] = await Promise.all([getOrganization(orgId), loadMarkers(orgId)]);
  if (!org) throw new NotFoundError();
  if (org.status !== 'active') throw new BadRequestError('This organization is archived');
  const content = acceptContent(input.content ?? defaultTemplate(input.projectName));
  const checklist = parseChecklist(content, markers.map);
  const now = new Date().toISOString();
  const id = ulid();
  const objectKey = await engagements.putContent(orgId, id, 1, content);
  const engagement: EngagementItem = {
    id,
    orgId,
    organizationName: org.name,
    projectName: input.projectName,
    version: 1,
    objectKey,
    revision: 1,
    clientCanEditTasks: input.clientCanEditTasks,
    summary: summarize(checklist),
    markersVersion: markers.version,
    createdAt: now,
    updatedAt: now,
    updatedBy: principal.name,
  };
  await engagements.createEngagement(
    engagement,
    {
      version: 1,
      objectKey,
      at: now,
      author: principal.name,
      change: input.content ? 'Uploaded' : 'Created from the template',
      totals: checklist.totals,
    },
    {
      actor: principal.name,
      kind: 'engagement.created',
      summary: `${principal.name} started the engagement ${engagement.projectName}`,
    },
    [
      outboxPut('engagement.updated', {
        version: 1,
        orgId,
        engagementId: engagement.id,
        engagementVersion: 1,
        change: 'created',
        userId: principal.userId,
      }),
    ],
  );
  return toView(engagement, checklist, markers);
};

/**
 * One engagement, its file parsed with the organization's markers. A summary counted with older marker
 * settings is stored again here, so the overview's filters catch up as engagements are opened.
 */
export const getEngagement = async (orgId: string, engagementId: string, stalledAfterDays: number) => {
  const [engagement, markers] = await Promise.all([load(orgId, engagementId), loadMarkers(orgId)]);
  const checklist = parseChecklist(await contentOf(engagement), markers.map);
  if ((engagement.markersVersion ?? 0) !== markers.version) {
    await engagements.refreshSummary(engagement, summarize(checklist), markers.version);
  }
  return toView(engagement, checklist, markers, stalledAfterDays);
};

export const listForOrganization = async (orgId: string, limit: number, cursor?: string) => {
  const [page, markers] = await Promise.all([
    engagements.listForOrganization(orgId, limit, cursor),
    loadMarkers(orgId),
  ]);
  return { items: page.items.map((item) => toSummaryView(item, markers)), nextCursor: page.nextCursor };
};

/**
 * The admin overview, each engagement counted with its organization's markers. The `stalled` and
 * `complete` filters use the open-task count stored with each engagement, which follows a change of
 * marker settings when the engagement is next opened or changed.
 */
export const overview = async (query: OverviewQuery) => {
  const page = await engagements.overview({
    sort: query.sort,
    only: query.only,
    stalledBefore: new Date(Date.now() - query.stalledAfterDays * day).toISOString(),
    q: query.q,
    limit: query.limit,
    cursor: query.cursor,
  });
  const settings = await engagements.getMarkerSettingsOf(page.items.map((item) => item.orgId));
  return {
    items: page.items.map((item) =>
      toSummaryView(item, markersOf(settings.get(item.orgId)), query.stalledAfterDays),
    ),
    nextCursor: page.nextCursor,
  };
};

/** Stores a new file version: the object first (immutable), then the version-checked table write. */
const writeVersion = async (
  principal: Principal,
  engagement: EngagementItem,
  content: string,
  markers: Markers,
  change: { kind: 'task' | 'content'; description: string },
) => {
  const checklist = parseChecklist(content, markers.map);
  const now = new Date().toISOString();
  const version = engagement.version + 1;
  const objectKey = await engagements.putContent(engagement.orgId, engagement.id, version, content);
  const next: EngagementItem = {
    ...engagement,
    version,
    objectKey,
    revision: engagement.revision + 1,
    summary: summarize(checklist),
    markersVersion: markers.version,
    updatedAt: now,
    updatedBy: principal.name,
  };
  await engagements.saveEngagement(
    engagement,
    next,
    {
      version,
      objectKey,
      at: now,
      author: principal.name,
      change: change.description,
      totals: checklist.totals,
    },
    {
      actor: principal.name,
      kind: `engagement.${change.kind}`,
      summary: `${principal.name}: ${change.description}`,
    },
    [
      outboxPut('engagement.updated', {
        version: 1,
        orgId: engagement.orgId,
        engagementId: engagement.id,
        engagementVersion: next.version,
        change: change.kind,
        // A system change (a booked kickoff) has no user behind it.
        userId: principal.userId || null,
      }),
    ],
  );
  return toView(next, checklist, markers);
};

/** How often a tick is tried again on the newest version when another write wins the race. */
const mergeAttempts = 4;

/**
 * Rewrites exactly one task marker; clients may do it only where the admin allowed it. A tick made on an
 * older version applies to the newest one when the task's line is still the same there (someone else
 * ticked another task meanwhile): the answer then says which version it was merged onto. A changed or
 * vanished line is a real conflict (409).
 */
export const setTaskStatus = async (
  principal: Principal,
  orgId: string,
  engagementId: string,
  taskId: string,
  input: { version: number; status: TaskStatus; marker?: string },
): Promise<EngagementView> => {
  for (let attempt = 1; ; attempt++) {
    const [engagement, markers] = await Promise.all([load(orgId, engagementId), loadMarkers(orgId)]);
    if (!isOperatorAdmin(principal) && !engagement.clientCanEditTasks)
      throw new ForbiddenError('Your agency manages this checklist; ask them to update it');
    if (input.version > engagement.version) throw new VersionConflictError(engagement.version);
    const newest = await contentOf(engagement);
    const checklist = parseChecklist(newest, markers.map);
    const task = allTasks(checklist).find((candidate) => candidate.id === taskId);
    const merging = input.version < engagement.version;
    if (merging) {
      const seen = taskLine(await contentOf(engagement, input.version), taskId);
      if (seen === undefined) throw new TaskNotFoundError(taskId);
      // Someone already made the same change: nothing to merge, nothing to refuse.
      const alreadySo = task?.status === input.status && (input.marker ?? task.marker) === task.marker;
      if (taskLine(newest, taskId) !== seen && !alreadySo) {
        const text = seen.replace(/^[^\]]*\]\s*/, '').trim();
        throw new TaskChangedError(taskId, text, input.version, engagement.version);
      }
    }
    if (!task) throw new TaskNotFoundError(taskId);
    if (
      input.marker !== undefined &&
      resolveStatus(input.marker, markers.map, legendMap(checklist.legend)) !== input.status
    )
      throw new BadRequestError(
        `The marker [${input.marker}] does not mean ${input.status} in this checklist`,
      );
    const marker =
      input.marker ??
      (task.status === input.status ? task.marker : markerForStatus(checklist, input.status, markers.map));
    const updated = setTaskMarker(newest, taskId, marker);
    const merged = merging ? { mergedOntoVersion: engagement.version } : {};
    if (updated === newest) return { ...toView(engagement, checklist, markers), ...merged };
    try {
      const view = await writeVersion(principal, engagement, updated, markers, {
        kind: 'task',
        description: `marked "${task.text}" ${describeStatus(input.status)}`,
      });
      return { ...view, ...merged };
    } catch (error) {
      // Someone else wrote between our read and our write: rebase onto their version.
      if (!(error instanceof VersionConflictError) || attempt >= mergeAttempts) throw error;
    }
  }
};

const describeStatus = (status: TaskStatus) => (status === 'inProgress' ? 'in progress' : status);

export const replaceContent = async (
  principal: Principal,
  orgId: string,
  engagementId: string,
  input: { version: number; content: string },
) => {
  const [engagement, markers] = await Promise.all([load(orgId, engagementId), loadMarkers(orgId)]);
  assertVersion(engagement, input.version);
  const content = acceptContent(input.content);
  return writeVersion(principal, engagement, content, markers, {
    kind: 'content',
    description: 'uploaded a new checklist',
  });
};

/** Presigned uploads are good for five minutes; the staging area keeps files a day at most. */
const uploadExpirySeconds = 300;

/** Hands out a presigned POST for one file into the engagement's staging area. */
export const createUpload = async (
  orgId: string,
  engagementId: string,
  input: { contentType: string; size: number },
): Promise<UploadView> => {
  await load(orgId, engagementId);
  const uploadId = ulid();
  const key = engagements.stagingKeyOf(orgId, engagementId, uploadId);
  const { url, fields } = await engagements.presignUpload(
    key,
    input.contentType,
    maxUploadBytes,
    uploadExpirySeconds,
  );
  return {
    uploadId,
    url,
    fields,
    maxBytes: maxUploadBytes,
    expiresAt: new Date(Date.now() + uploadExpirySeconds * 1000).toISOString(),
  };
};

/**
 * Takes an uploaded file as the next version: a markdown type, at most 5 MB, valid UTF-8 without NUL
 * bytes (checked here too: s3rver, locally, does not enforce the POST policy). A refused file is deleted
 * and never becomes a version.
 */
export const completeUpload = async (
  principal: Principal,
  orgId: string,
  engagementId: string,
  uploadId: string,
  input: { version: number },
) => {
  const [engagement, markers] = await Promise.all([load(orgId, engagementId), loadMarkers(orgId)]);
  assertVersion(engagement, input.version);
  const key = engagements.stagingKeyOf(orgId, engagementId, uploadId);
  const upload = await engagements.getStagedUpload(key);
  if (!upload) throw new NotFoundError('No uploaded file with this id; upload it again.');
  let content: string;
  try {
    if (!/^text\/markdown\b/i.test(upload.contentType)) {
      throw new InvalidChecklistError('wrong-type', 'Upload a markdown file (text/markdown).');
    }
    content = validateChecklistFile(upload.bytes, maxUploadBytes);
  } catch (error) {
    await engagements.deleteStagedUpload(key);
    throw error;
  }
  const view = await writeVersion(principal, engagement, content, markers, {
    kind: 'content',
    description: 'uploaded a new checklist file',
  });
  await engagements.deleteStagedUpload(key);
  return view;
};

const toMarkerSettingsView = (settings: MarkerSettingsItem | undefined): MarkerSettingsView => ({
  version: settings?.version ?? 0,
  markers: [...(settings?.markers ?? [])],
  updatedAt: settings?.updatedAt ?? null,
  updatedBy: settings?.updatedBy ?? null,
});

export const getMarkerSettings = async (orgId: string) =>
  toMarkerSettingsView(await engagements.getMarkerSettings(orgId));

/**
 * Saves what the organization's markers mean. Summaries are not rewritten here: every view counts the
 * stored per-marker counts with the new settings, and each engagement stores its new counts when next
 * opened.
 */
export const updateMarkerSettings = async (
  principal: Principal,
  orgId: string,
  input: { version: number; markers: { marker: string; status: TaskStatus }[] },
) => {
  const next: MarkerSettingsItem = {
    version: input.version + 1,
    markers: input.markers,
    updatedAt: new Date().toISOString(),
    updatedBy: principal.name,
  };
  await engagements.saveMarkerSettings(orgId, input.version, next);
  return toMarkerSettingsView(next);
};

export const updateSettings = async (
  principal: Principal,
  orgId: string,
  engagementId: string,
  input: { version: number; projectName?: string; clientCanEditTasks?: boolean },
) => {
  const [engagement, markers] = await Promise.all([load(orgId, engagementId), loadMarkers(orgId)]);
  assertVersion(engagement, input.version);
  const { version: _version, ...changes } = input;
  const next: EngagementItem = {
    ...engagement,
    ...changes,
    updatedAt: new Date().toISOString(),
    updatedBy: principal.name,
  };
  await engagements.saveEngagement(
    engagement,
    next,
    undefined,
    {
      actor: principal.name,
      kind: 'engagement.settings',
      summary: `${principal.name} changed the engagement settings of ${next.projectName}`,
    },
    [
      outboxPut('engagement.updated', {
        version: 1,
        orgId,
        engagementId,
        engagementVersion: next.version,
        change: 'settings',
        userId: principal.userId,
      }),
    ],
  );
  return toView(
    { ...next, revision: engagement.revision + 1 },
    parseChecklist(await contentOf(next), markers.map),
    markers,
  );
};

export const download = async (orgId: string, engagementId: string, version?: number) => {
  const engagement = await load(orgId, engagementId);
  const content = await contentOf(engagement, version);
  const safeName =
    engagement.projectName.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'Project';
  return { content, fileName: `todo_${safeName}.md` };
};

export const listVersions = async (orgId: string, engagementId: string, limit: number, cursor?: string) => {
  await load(orgId, engagementId);
  return engagements.listVersions(orgId, engagementId, limit, cursor);
};

export const diffVersions = async (orgId: string, engagementId: string, from: number, to: number) => {
  const engagement = await load(orgId, engagementId);
  const [before, after] = await Promise.all([contentOf(engagement, from), contentOf(engagement, to)]);
  const name = `todo_${engagement.projectName}.md`;
  return {
    from,
    to,
    unifiedDiff: createTwoFilesPatch(name, name, before, after, `version ${from}`, `version ${to}`),
  };
};

export const addNote = async (principal: Principal, orgId: string, engagementId: string, text: string) => {
  const engagement = await load(orgId, engagementId);
  const note = { id: ulid(), at: new Date().toISOString(), author: principal.name, text };
  await engagements.addNote(
    engagement,
    note,
    {
      actor: principal.name,
      kind: 'engagement.note',
      summary: `${principal.name} added a note to ${engagement.projectName}`,
    },
    [
      outboxPut('engagement.updated', {
        version: 1,
        orgId,
        engagementId,
        engagementVersion: engagement.version,
        change: 'note',
        userId: principal.userId,
      }),
    ],
  );
  return note;
};

export const listNotes = async (orgId: string, engagementId: string, limit: number, cursor?: string) => {
  await load(orgId, engagementId);
  return engagements.listNotes(orgId, engagementId, limit, cursor);
};

const kickoffTask = /\bkick[\s-]?off\b/i;

/**
 * A booked kickoff call ticks the checklist's first pending task that mentions a kickoff ("Book the
 * kickoff call"), through the same one-marker rewrite as a client's tick. Nothing to tick, nothing done.
 */
export const tickKickoffTask = async (orgId: string, engagementId: string, userId: string | null) => {
  const engagement = await engagements.getEngagement(orgId, engagementId);
  if (!engagement) return;
  const markers = await loadMarkers(orgId);
  const content = await contentOf(engagement);
  const checklist = parseChecklist(content, markers.map);
  const task = allTasks(checklist).find(
    (candidate) => candidate.status === 'pending' && kickoffTask.test(candidate.text),
  );
  if (!task) return;
  const booking: Principal = { userId: userId ?? '', email: '', name: 'Booking', role: 'admin', orgId: null };
  const ticked = setTaskMarker(content, task.id, markerForStatus(checklist, 'done', markers.map));
  await writeVersion(booking, engagement, ticked, markers, {
    kind: 'task',
    description: `marked "${task.text}" done (kickoff call booked)`,
  });
};
