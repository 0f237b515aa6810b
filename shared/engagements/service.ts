import { createTwoFilesPatch } from 'diff';
import { ulid } from 'ulid';
import { isOperatorAdmin, type Principal } from '../auth/policy';
import { outboxPut } from '../events/outbox';
import { BadRequestError, ForbiddenError, NotFoundError, VersionConflictError } from '../http/errors';
import { getOrganization } from '../organizations/repository';
import type { EngagementSummaryView, EngagementView, OverviewQuery } from './contracts';
import {
  allTasks,
  type Checklist,
  defaultTemplate,
  parseChecklist,
  setTaskStatus as rewriteTaskStatus,
  summarize,
  type TaskStatus,
  validateChecklistFile,
} from './markdown';
import type { EngagementItem } from './repository';
import * as engagements from './repository';

const day = 86_400_000;

const isStalled = (engagement: EngagementItem, stalledAfterDays: number, now = Date.now()) =>
  engagement.summary.totals.pending > 0 && Date.parse(engagement.updatedAt) < now - stalledAfterDays * day;

export const toSummaryView = (engagement: EngagementItem, stalledAfterDays = 14): EngagementSummaryView => ({
  id: engagement.id,
  orgId: engagement.orgId,
  organizationName: engagement.organizationName,
  projectName: engagement.projectName,
  version: engagement.version,
  clientCanEditTasks: engagement.clientCanEditTasks,
  phases: [...engagement.summary.phases],
  totals: engagement.summary.totals,
  currentPhase: engagement.summary.currentPhase,
  createdAt: engagement.createdAt,
  updatedAt: engagement.updatedAt,
  updatedBy: engagement.updatedBy,
  stalled: isStalled(engagement, stalledAfterDays),
});

const toView = (engagement: EngagementItem, checklist: Checklist, stalledAfterDays = 14): EngagementView => ({
  ...toSummaryView(engagement, stalledAfterDays),
  checklist: checklist.phases.map((phase) => ({
    number: phase.number,
    title: phase.title,
    line: phase.line,
    counts: phase.counts,
    tasks: phase.tasks.map(({ id, line, depth, status, text }) => ({ id, line, depth, status, text })),
  })),
});

/** Checks an upload like a file: size, UTF-8, at least one phase. */
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

export const createEngagement = async (
  principal: Principal,
  orgId: string,
  input: { projectName: string; clientCanEditTasks: boolean; content?: string },
) => {
  const org = await getOrganization(orgId);
  if (!org) throw new NotFoundError();
  if (org.status !== 'active') throw new BadRequestError('This organization is archived');
  const content = acceptContent(input.content ?? defaultTemplate(input.projectName));
  const checklist = parseChecklist(content);
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
  return toView(engagement, checklist);
};

export const getEngagement = async (orgId: string, engagementId: string, stalledAfterDays: number) => {
  const engagement = await load(orgId, engagementId);
  return toView(engagement, parseChecklist(await contentOf(engagement)), stalledAfterDays);
};

export const listForOrganization = async (orgId: string, limit: number, cursor?: string) => {
  const page = await engagements.listForOrganization(orgId, limit, cursor);
  return { items: page.items.map((item) => toSummaryView(item)), nextCursor: page.nextCursor };
};

export const overview = async (query: OverviewQuery) => {
  const page = await engagements.overview({
    sort: query.sort,
    only: query.only,
    stalledBefore: new Date(Date.now() - query.stalledAfterDays * day).toISOString(),
    q: query.q,
    limit: query.limit,
    cursor: query.cursor,
  });
  return {
    items: page.items.map((item) => toSummaryView(item, query.stalledAfterDays)),
    nextCursor: page.nextCursor,
  };
};

/** Stores a new file version: the object first (immutable), then the version-checked table write. */
const writeVersion = async (
  principal: Principal,
  engagement: EngagementItem,
  content: string,
  change: { kind: 'task' | 'content'; description: string },
) => {
  const checklist = parseChecklist(content);
  const now = new Date().toISOString();
  const version = engagement.version + 1;
  const objectKey = await engagements.putContent(engagement.orgId, engagement.id, version, content);
  const next: EngagementItem = {
    ...engagement,
    version,
    objectKey,
    revision: engagement.revision + 1,
    summary: summarize(checklist),
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
  return toView(next, checklist);
};

/** Rewrites exactly one task marker; clients may do it only where the admin allowed it. */
export const setTaskStatus = async (
  principal: Principal,
  orgId: string,
  engagementId: string,
  taskId: string,
  input: { version: number; status: TaskStatus },
) => {
  const engagement = await load(orgId, engagementId);
  if (!isOperatorAdmin(principal) && !engagement.clientCanEditTasks)
    throw new ForbiddenError('Your agency manages this checklist; ask them to update it');
  assertVersion(engagement, input.version);
  const content = await contentOf(engagement);
  const checklist = parseChecklist(content);
  // Throws TaskNotFoundError (409) when the id no longer matches the file, so `task` is found below.
  const updated = rewriteTaskStatus(content, taskId, input.status);
  if (updated === content) return toView(engagement, checklist);
  const task = allTasks(checklist).find((candidate) => candidate.id === taskId)!;
  return writeVersion(principal, engagement, updated, {
    kind: 'task',
    description: `marked "${task.text}" ${input.status}`,
  });
};

export const replaceContent = async (
  principal: Principal,
  orgId: string,
  engagementId: string,
  input: { version: number; content: string },
) => {
  const engagement = await load(orgId, engagementId);
  assertVersion(engagement, input.version);
  const content = acceptContent(input.content);
  return writeVersion(principal, engagement, content, {
    kind: 'content',
    description: 'uploaded a new checklist',
  });
};

export const updateSettings = async (
  principal: Principal,
  orgId: string,
  engagementId: string,
  input: { version: number; projectName?: string; clientCanEditTasks?: boolean },
) => {
  const engagement = await load(orgId, engagementId);
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
  return toView({ ...next, revision: engagement.revision + 1 }, parseChecklist(await contentOf(next)));
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
  const content = await contentOf(engagement);
  const task = allTasks(parseChecklist(content)).find(
    (candidate) => candidate.status === 'pending' && kickoffTask.test(candidate.text),
  );
  if (!task) return;
  const booking: Principal = { userId: userId ?? '', email: '', name: 'Booking', role: 'admin', orgId: null };
  await writeVersion(booking, engagement, rewriteTaskStatus(content, task.id, 'done'), {
    kind: 'task',
    description: `marked "${task.text}" done (kickoff call booked)`,
  });
};
