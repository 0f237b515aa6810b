import { ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { outboxPut } from '../events/outbox';
import { ConflictError, NotFoundError, ValidationError, VersionConflictError } from '../http/errors';
import { dueItemPut } from '../platform';
import type {
  AgendaItemView,
  AgendaView,
  CreateAgendaItemInput,
  StreamState,
  UpdateAgendaItemInput,
} from './contracts';
import type { AgendaItem, ConferenceItem } from './model';
import { findOverlaps } from './overlaps';
import * as repo from './repository';
import { accessRoleOf, toConferenceView } from './service';
import { speakerViewFor } from './speakers';
import { resolveWallTime } from './wall-time';

/** Due-item kinds: a session's stream goes live (a set time before its start) and ends (at its end). */
export const goLiveKind = 'agenda-item.go-live';
export const endStreamKind = 'agenda-item.end-stream';

export interface StreamDuePayload {
  readonly orgId: string;
  readonly conferenceId: string;
  readonly itemId: string;
  /** The start the due item was written for: after a move, a leftover does nothing. */
  readonly startUtc: string;
}

const dateOf = (wall: string) => wall.slice(0, 10);

/**
 * Wall times → UTC instants in the conference's zone. A time in a spring-forward gap is refused; one in the
 * fall-back hour takes its first occurrence and says so in `notes`.
 */
const resolveTimes = (conference: ConferenceItem, start: string, end: string) => {
  const errors: { path: string; message: string }[] = [];
  const notes: string[] = [];
  const resolve = (field: 'start' | 'end', wall: string) => {
    const resolved = resolveWallTime(wall, conference.timeZone);
    if (resolved.kind === 'gap') {
      errors.push({
        path: field,
        message: `${wall.replace('T', ' ')} does not exist in ${conference.timeZone}: the clocks skip that hour. Pick a time before or after.`,
      });
      return '';
    }
    if (resolved.kind === 'ambiguous')
      notes.push(
        `${field === 'start' ? 'Start' : 'End'} ${wall.replace('T', ' ')} happens twice in ${conference.timeZone} (clocks go back); the earlier one, ${resolved.utc}, was taken.`,
      );
    return resolved.utc;
  };
  const startUtc = resolve('start', start);
  const endUtc = resolve('end', end);
  if (dateOf(start) < conference.startDate || dateOf(start) > conference.endDate)
    errors.push({
      path: 'start',
      message: `Must be within the event (${conference.startDate} – ${conference.endDate})`,
    });
  if (dateOf(end) < conference.startDate || end > `${conference.endDate}T24:00`)
    errors.push({
      path: 'end',
      message: `Must be within the event (${conference.startDate} – ${conference.endDate})`,
    });
  if (startUtc && endUtc && endUtc <= startUtc)
    errors.push({ path: 'end', message: 'Must end after it starts' });
  if (errors.length) throw new ValidationError(errors);
  return { startUtc, endUtc, notes };
};

const streamDues = (conference: ConferenceItem, itemId: string, startUtc: string, endUtc: string) => {
  const payload = { orgId: conference.orgId, conferenceId: conference.id, itemId, startUtc };
  const liveAt = new Date(Date.parse(startUtc) - conference.liveLeadMinutes * 60_000);
  const live = dueItemPut(goLiveKind, liveAt, payload);
  const end = dueItemPut(endStreamKind, new Date(endUtc), payload);
  return { liveDueId: live.dueId, endDueId: end.dueId, puts: [live, end] };
};

export const toItemView = (item: AgendaItem, state: StreamState): AgendaItemView => ({
  id: item.id,
  title: item.title,
  start: item.start,
  end: item.end,
  startUtc: item.startUtc,
  endUtc: item.endUtc,
  track: item.track,
  room: item.room,
  speakerIds: [...item.speakerIds],
  stream: item.stream,
  recordingUrl: item.recordingUrl,
  state,
  version: item.version,
  notes: [...item.notes],
});

/**
 * The conference, the named speakers and (when given) the item with its description and whether the caller
 * saved it: one batch read, so a write is the policy's read, this read and one transaction.
 */
const loadForWrite = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  speakerIds: readonly string[],
  itemId?: string,
) => {
  const { conference, missingSpeakerIds, ...rest } = await repo.readForAgendaWrite(
    orgId,
    conferenceId,
    principal.userId,
    speakerIds,
    itemId,
  );
  if (!conference) throw new NotFoundError();
  if (conference.status === 'archived') throw new ConflictError('This event is archived');
  if (missingSpeakerIds.length)
    throw new ValidationError([
      { path: 'speakerIds', message: `No such speaker in this event: ${missingSpeakerIds.join(', ')}` },
    ]);
  return { conference, ...rest };
};

export const createAgendaItem = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  input: CreateAgendaItemInput,
) => {
  const { conference } = await loadForWrite(principal, orgId, conferenceId, input.speakerIds);
  const { startUtc, endUtc, notes } = resolveTimes(conference, input.start, input.end);
  const id = ulid();
  const dues = streamDues(conference, id, startUtc, endUtc);
  const item: AgendaItem = {
    id,
    title: input.title,
    start: input.start,
    end: input.end,
    startUtc,
    endUtc,
    track: input.track,
    room: input.room,
    speakerIds: input.speakerIds,
    stream: input.stream,
    recordingUrl: null,
    notes,
    version: 1,
    liveDueId: dues.liveDueId,
    endDueId: dues.endDueId,
    updatedAt: new Date().toISOString(),
  };
  await repo.createAgendaItem(orgId, conferenceId, item, input.description, dues.puts, [
    outboxPut('agenda-item.created', {
      version: 1,
      orgId,
      conferenceId,
      itemId: id,
      startUtc,
      userId: principal.userId,
    }),
  ]);
  return { ...toItemView(item, 'scheduled'), description: input.description, saved: false };
};

export const updateAgendaItem = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  itemId: string,
  input: UpdateAgendaItemInput,
) => {
  const { version, description, ...change } = input;
  const loaded = await loadForWrite(principal, orgId, conferenceId, change.speakerIds ?? [], itemId);
  const { conference, item: current } = loaded;
  if (!current) throw new NotFoundError();
  if (current.version !== version) throw new VersionConflictError(current.version);
  const start = change.start ?? current.start;
  const end = change.end ?? current.end;
  const moved = start !== current.start || end !== current.end;
  const times = moved
    ? resolveTimes(conference, start, end)
    : { startUtc: current.startUtc, endUtc: current.endUtc, notes: current.notes };
  const dues = moved ? streamDues(conference, itemId, times.startUtc, times.endUtc) : undefined;
  const next: AgendaItem = {
    ...current,
    ...change,
    start,
    end,
    startUtc: times.startUtc,
    endUtc: times.endUtc,
    notes: times.notes,
    version: current.version + 1,
    liveDueId: dues?.liveDueId ?? current.liveDueId,
    endDueId: dues?.endDueId ?? current.endDueId,
    updatedAt: new Date().toISOString(),
  };
  const state = loaded.states[itemId] ?? 'scheduled';
  // A session moved into the future is scheduled again, unless its recording is already up.
  const resetState =
    moved && state !== 'scheduled' && state !== 'recording' && Date.parse(times.startUtc) > Date.now();
  await repo.saveAgendaItem(
    orgId,
    conferenceId,
    next,
    version,
    {
      ...(description === undefined ? {} : { description }),
      replacedDueIds: dues ? [current.liveDueId, current.endDueId] : [],
      dues: dues?.puts ?? [],
      ...(resetState ? { state: null } : {}),
    },
    [
      outboxPut('agenda-item.updated', {
        version: 1,
        orgId,
        conferenceId,
        itemId,
        itemVersion: next.version,
        startUtc: next.startUtc,
        previousStartUtc: current.startUtc,
        fields: Object.keys(input).filter((key) => key !== 'version'),
        userId: principal.userId,
      }),
    ],
  );
  return {
    ...toItemView(next, resetState ? 'scheduled' : state),
    description: description ?? loaded.description,
    saved: loaded.saved,
  };
};

export const deleteAgendaItem = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  itemId: string,
  version: number,
) => {
  const { item } = await repo.getAgendaItem(orgId, conferenceId, itemId, principal.userId);
  if (!item) throw new NotFoundError();
  await repo.deleteAgendaItem(orgId, conferenceId, item, version, [
    outboxPut('agenda-item.deleted', { version: 1, orgId, conferenceId, itemId, userId: principal.userId }),
  ]);
};

export const getAgendaItem = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  itemId: string,
) => {
  const detail = await repo.getAgendaItem(orgId, conferenceId, itemId, principal.userId);
  if (!detail.conference || !detail.item) throw new NotFoundError();
  return { ...toItemView(detail.item, detail.state), description: detail.description, saved: detail.saved };
};

/**
 * The whole agenda: one Query of the conference partition (items, speakers, live states, the conference)
 * and, beside it in the same round trip, the caller's saved items.
 */
export const getAgenda = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
): Promise<AgendaView> => {
  const [agenda, savedItemIds] = await Promise.all([
    repo.readAgenda(orgId, conferenceId),
    repo.listSavedItemIds(principal.userId, orgId, conferenceId),
  ]);
  if (!agenda.conference) throw new NotFoundError();
  const myRole = accessRoleOf(principal, orgId);
  return {
    conference: toConferenceView(agenda.conference, myRole),
    items: agenda.items.map((item) => toItemView(item, agenda.states[item.id] ?? 'scheduled')),
    speakers: agenda.speakers.map((speaker) => speakerViewFor(speaker, myRole === 'organizer')),
    overlaps: findOverlaps(agenda.items),
    savedItemIds: savedItemIds.filter((id) => agenda.items.some((item) => item.id === id)),
  };
};

export const getLiveState = async (orgId: string, conferenceId: string) => {
  const live = await repo.getLiveStates(orgId, conferenceId);
  if (!live) throw new NotFoundError();
  return live;
};

/** An organizer's override of the stream state; `recording` swaps the embed for the recording's. */
export const setStreamState = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  itemId: string,
  input: { state: StreamState; recordingUrl?: { embedUrl: string | null; joinUrl: string } },
) => {
  const { item, description, saved } = await repo.getAgendaItem(
    orgId,
    conferenceId,
    itemId,
    principal.userId,
  );
  if (!item) throw new NotFoundError();
  if (input.state === 'recording' && !input.recordingUrl && !item.recordingUrl)
    throw new ValidationError([{ path: 'recordingUrl', message: 'Give the recording’s link' }]);
  const recordingUrl = input.recordingUrl
    ? (input.recordingUrl.embedUrl ?? input.recordingUrl.joinUrl)
    : item.recordingUrl;
  const next: AgendaItem = {
    ...item,
    recordingUrl,
    version: item.version + 1,
    updatedAt: new Date().toISOString(),
  };
  await repo.overrideLiveState(orgId, conferenceId, next, item.version, input.state, [
    outboxPut('agenda-item.stream-state-changed', {
      version: 1,
      orgId,
      conferenceId,
      itemId,
      state: input.state,
      by: 'organizer',
      userId: principal.userId,
    }),
  ]);
  return { ...toItemView(next, input.state), description, saved };
};

/** Puts a session on (or takes it off) the caller's own agenda. */
export const setAgendaItemSaved = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  itemId: string,
  saved: boolean,
) => {
  const detail = await repo.getAgendaItem(orgId, conferenceId, itemId, principal.userId);
  if (!detail.conference || !detail.item) throw new NotFoundError();
  await repo.setSaved(principal.userId, orgId, conferenceId, itemId, saved);
};
