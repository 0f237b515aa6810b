const part = (value: string): string => {
  if (value.includes('#')) throw new Error('Key parts must not contain "#"');
  return value;
};

export const orgKeys = {
  org: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: 'ORG#' }),
  orgList: (nameLower: string, orgId: string) => ({
    gsi1pk: 'ORGS#',
    gsi1sk: `${nameLower.replaceAll('#', ' ')}#${part(orgId)}#`,
  }),
  orgListPartition: 'ORGS#',
  slugGuard: (slug: string) => ({ pk: `SLUG#${part(slug)}#`, sk: 'SLUG#' }),
  profile: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: 'PROFILE#' }),
  membership: (orgId: string, userId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `MEMBER#${part(userId)}#`,
  }),
  membershipPrefix: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, skPrefix: 'MEMBER#' }),
  activity: (orgId: string, activityId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `ACTIVITY#${part(activityId)}#`,
  }),
  activityPrefix: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, skPrefix: 'ACTIVITY#' }),
};

/** Version numbers are zero-padded so they sort as numbers. */
const versionPart = (version: number) => String(version).padStart(8, '0');

/**
 * The admin overview is the one cross-organization index of tenant data: it holds summaries only and
 * only operator-admin routes read it.
 */
export const engagementKeys = {
  engagement: (orgId: string, engagementId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `ENGAGEMENT#${part(engagementId)}#`,
  }),
  engagementPrefix: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, skPrefix: 'ENGAGEMENT#' }),
  overviewPartition: 'ENGAGEMENTS#',
  byUpdate: (updatedAt: string, engagementId: string) => ({
    gsi1pk: 'ENGAGEMENTS#',
    gsi1sk: `${updatedAt}#${part(engagementId)}#`,
  }),
  byName: (organizationName: string, projectName: string, engagementId: string) => ({
    gsi2pk: 'ENGAGEMENTS#',
    gsi2sk: `${`${organizationName} ${projectName}`.toLowerCase().replaceAll('#', ' ')}#${part(engagementId)}#`,
  }),
  version: (orgId: string, engagementId: string, version: number) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `ENGVERSION#${part(engagementId)}#${versionPart(version)}#`,
  }),
  versionPrefix: (orgId: string, engagementId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    skPrefix: `ENGVERSION#${part(engagementId)}#`,
  }),
  note: (orgId: string, engagementId: string, noteId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `ENGNOTE#${part(engagementId)}#${part(noteId)}#`,
  }),
  notePrefix: (orgId: string, engagementId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    skPrefix: `ENGNOTE#${part(engagementId)}#`,
  }),
  /**
   * S3: immutable, one object per write. The write id keeps two writers racing for the same version from
   * overwriting each other's object; the table records which object a version is.
   */
  objectKey: (orgId: string, engagementId: string, version: number, writeId: string) =>
    `engagements/${part(orgId)}/${part(engagementId)}/${version}-${part(writeId)}.md`,
  markerSettings: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: 'ENGMARKERS#' }),
  /** S3: an uploaded file waiting to be checked; the bucket's lifecycle rule expires what is left. */
  stagingKey: (orgId: string, engagementId: string, uploadId: string) =>
    `staging/${part(orgId)}/${part(engagementId)}/${part(uploadId)}.md`,
};

/**
 * Leads and jobs. A lead's id is a ULID minted at its creation time, so a creation-date range is a range of
 * sort keys (see `ulidBound`). Scheduled times are ISO-8601 UTC, which sort as strings.
 */
export const crmKeys = {
  lead: (orgId: string, leadId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: `LEAD#${part(leadId)}#` }),
  leadPartition: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, skPrefix: 'LEAD#' }),
  leadByStatus: (orgId: string, status: string, leadId: string) => ({
    gsi1pk: crmKeys.leadStatusPartition(orgId, status),
    gsi1sk: `${part(leadId)}#`,
  }),
  leadStatusPartition: (orgId: string, status: string) => `ORG#${part(orgId)}#LEADS#${part(status)}#`,
  /** Guards the rule "one open lead per email and per phone number" of an organization. */
  leadContact: (orgId: string, kind: 'email' | 'phone', value: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `LEADCONTACT#${kind}#${part(value)}#`,
  }),
  /** Index attributes an activity entry about a lead carries, so the lead's timeline is one query. */
  leadTimeline: (orgId: string, leadId: string, activityId: string) => ({
    gsi1pk: crmKeys.leadTimelinePartition(orgId, leadId),
    gsi1sk: `${part(activityId)}#`,
  }),
  leadTimelinePartition: (orgId: string, leadId: string) => `ORG#${part(orgId)}#LEADLOG#${part(leadId)}#`,
  job: (orgId: string, jobId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: `JOB#${part(jobId)}#` }),
  jobByStatus: (orgId: string, status: string, scheduledAt: string, jobId: string) => ({
    gsi1pk: crmKeys.jobStatusPartition(orgId, status),
    gsi1sk: `${part(scheduledAt)}#${part(jobId)}#`,
  }),
  jobStatusPartition: (orgId: string, status: string) => `ORG#${part(orgId)}#JOBS#${part(status)}#`,
  jobBySchedule: (orgId: string, scheduledAt: string, jobId: string) => ({
    gsi2pk: crmKeys.jobSchedulePartition(orgId),
    gsi2sk: `${part(scheduledAt)}#${part(jobId)}#`,
  }),
  jobSchedulePartition: (orgId: string) => `ORG#${part(orgId)}#JOBS#`,
};

export type ThrottleScope =
  | 'account'
  | 'ip'
  | 'lead-form-ip'
  | 'lead-form-org'
  | 'chat-room'
  | 'direct-message';

/**
 * The public lead form: an organization's form settings, and one record per idempotency key (its hash), so
 * a retried submission gets the first answer instead of storing a second lead.
 */
export const leadFormKeys = {
  settings: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: 'LEADFORM#' }),
  submission: (orgId: string, keyHash: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `LEADFORMKEY#${part(keyHash)}#`,
  }),
};

export const userKeys = {
  user: (userId: string) => ({ pk: `USER#${part(userId)}#`, sk: 'USER#' }),
  userList: (emailLower: string, userId: string) => ({
    gsi1pk: 'USERS#',
    gsi1sk: `${emailLower}#${part(userId)}#`,
  }),
  userListPartition: 'USERS#',
  emailGuard: (emailLower: string) => ({ pk: `EMAIL#${part(emailLower)}#`, sk: 'EMAIL#' }),
  layout: (userId: string) => ({ pk: `USER#${part(userId)}#`, sk: 'LAYOUT#' }),
  family: (userId: string, familyId: string) => ({
    pk: `USER#${part(userId)}#`,
    sk: `FAMILY#${part(familyId)}#`,
  }),
  refreshToken: (tokenHash: string) => ({ pk: `REFRESH#${part(tokenHash)}#`, sk: 'REFRESH#' }),
  oneTimeToken: (tokenHash: string) => ({ pk: `TOKEN#${part(tokenHash)}#`, sk: 'TOKEN#' }),
  /** Fixed-window counters; `key` is a hash (an account, an IP) or an organization id. */
  throttle: (scope: ThrottleScope, key: string, windowStart: string) => ({
    pk: `THROTTLE#${scope}#${part(key)}#`,
    sk: `WINDOW#${part(windowStart)}#`,
  }),
};

export const realtimeKeys = {
  ticket: (ticketHash: string) => ({ pk: `WSTICKET#${part(ticketHash)}#`, sk: 'WSTICKET#' }),
  connection: (connectionId: string) => ({ pk: `CONN#${part(connectionId)}#`, sk: 'CONN#' }),
  connectionOfUser: (orgId: string, userId: string, connectionId: string) => ({
    gsi1pk: realtimeKeys.userConnectionsPartition(orgId, userId),
    gsi1sk: `${part(connectionId)}#`,
  }),
  /** A connection's entry in a person's connections of an organization they do not belong to. */
  connectionIn: (orgId: string, userId: string, connectionId: string) => ({
    pk: `CONN#${part(connectionId)}#`,
    sk: `IN#${part(orgId)}#`,
    ...realtimeKeys.connectionOfUser(orgId, userId, connectionId),
  }),
  userConnectionsPartition: (orgId: string, userId: string) =>
    `ORG#${part(orgId)}#USERCONNS#${part(userId)}#`,
  /**
   * A topic (a chat room) is the partition prefix of its owner, e.g. `ORG#<orgId>#ROOM#<roomId>#`; its
   * subscribed connections are spread over shard partitions under it, so a fan-out worker reads one shard.
   */
  subscription: (topic: string, shard: number, connectionId: string) => ({
    pk: realtimeKeys.shardPartition(topic, shard),
    sk: `CONN#${part(connectionId)}#`,
  }),
  shardPartition: (topic: string, shard: number) => `${topic}CONNS#${shard}#`,
  onlineCount: (topic: string, bucket: number) => ({ pk: topic, sk: `ONLINE#${bucket}#` }),
  presence: (orgId: string, userId: string) => ({
    pk: `ORG#${part(orgId)}#PRESENCE#${part(userId)}#`,
    sk: 'PRESENCE#',
  }),
};

/**
 * Chat rooms. Everything of one room (the room, its members, messages, online counts and connection
 * shards) lives under the room's own partitions, never in the organization's one partition.
 */
export const chatKeys = {
  topic: (orgId: string, roomId: string) => `ORG#${part(orgId)}#ROOM#${part(roomId)}#`,
  room: (orgId: string, roomId: string) => ({ pk: chatKeys.topic(orgId, roomId), sk: 'ROOM#' }),
  roomList: (orgId: string, roomId: string) => ({
    gsi1pk: chatKeys.roomListPartition(orgId),
    gsi1sk: `${part(roomId)}#`,
  }),
  roomListPartition: (orgId: string) => `ORG#${part(orgId)}#ROOMS#`,
  roomOfConference: (orgId: string, conferenceId: string, roomId: string) => ({
    gsi2pk: chatKeys.conferencePartition(orgId, conferenceId),
    gsi2sk: `${part(roomId)}#`,
  }),
  conferencePartition: (orgId: string, conferenceId: string) =>
    `ORG#${part(orgId)}#CONFERENCE#${part(conferenceId)}#ROOMS#`,
  member: (orgId: string, roomId: string, userId: string) => ({
    pk: chatKeys.topic(orgId, roomId),
    sk: `MEMBER#${part(userId)}#`,
  }),
  memberPrefix: (orgId: string, roomId: string) => ({
    pk: chatKeys.topic(orgId, roomId),
    skPrefix: 'MEMBER#',
  }),
  roomOfUser: (orgId: string, userId: string, roomId: string) => ({
    gsi1pk: `ORG#${part(orgId)}#USERROOMS#${part(userId)}#`,
    gsi1sk: `${part(roomId)}#`,
  }),
  message: (orgId: string, roomId: string, messageId: string) => ({
    pk: chatKeys.topic(orgId, roomId),
    sk: `MSG#${part(messageId)}#`,
  }),
  messagePrefix: (orgId: string, roomId: string) => ({ pk: chatKeys.topic(orgId, roomId), skPrefix: 'MSG#' }),
  /** Bounds of the messages after `messageId`: `#!` sorts right after the id's own key, `~` after every ULID. */
  messagesAfter: (orgId: string, roomId: string, messageId: string) => ({
    pk: chatKeys.topic(orgId, roomId),
    from: `MSG#${part(messageId)}#!`,
    to: 'MSG#~',
  }),
};

export const platformKeys = {
  dueItem: (dueId: string) => ({ pk: `DUE#${part(dueId)}#`, sk: 'DUE#' }),
  /** `dueAt` is ISO-8601 UTC; the minute bucket is its first 16 characters. */
  dueIndex: (dueAt: string, dueId: string) => ({
    duePk: dueMinutePartition(dueAt),
    dueSk: `${dueAt}#${part(dueId)}#`,
  }),
  processedEvent: (consumer: string, eventId: string) => ({
    pk: `EVENT#${part(consumer)}#${part(eventId)}#`,
    sk: 'EVENT#',
  }),
};

/**
 * Domain events waiting in the table: each outbox item is written in the transaction of the change it
 * announces and is its own partition, so outbox writes never heat a tenant's partition. Only the stream
 * relay sees them, through the prefix below; nothing queries them.
 */
export const outboxKeys = {
  item: (eventId: string) => ({ pk: `${outboxKeys.prefix}${part(eventId)}#`, sk: outboxKeys.prefix }),
  /** What the stream relay's filter matches on the partition key. */
  prefix: 'OUTBOX#',
};

export const dueMinutePartition = (isoTime: string): string => `DUE#${isoTime.slice(0, 16)}#`;

/**
 * Booking is the operator's one calendar: its connection, settings, slot guards and day counts are
 * operator-level items. The `BOOKINGS#` index is, like the engagement overview, read only by operator
 * routes and by the slot computation, which returns free times and nothing about other organizations.
 */
export const bookingKeys = {
  connection: { pk: 'GOOGLE#', sk: 'CONNECTION#' },
  oauthState: (stateHash: string) => ({ pk: `OAUTHSTATE#${part(stateHash)}#`, sk: 'OAUTHSTATE#' }),
  settings: { pk: 'BOOKING#', sk: 'SETTINGS#' },
  booking: (orgId: string, bookingId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `BOOKING#${part(bookingId)}#`,
  }),
  schedulePartition: 'BOOKINGS#',
  bySchedule: (start: string, bookingId: string) => ({
    gsi1pk: 'BOOKINGS#',
    gsi1sk: `${part(start)}#${part(bookingId)}#`,
  }),
  orgPartition: (orgId: string) => `ORG#${part(orgId)}#BOOKINGS#`,
  byOrganization: (orgId: string, start: string, bookingId: string) => ({
    gsi2pk: `ORG#${part(orgId)}#BOOKINGS#`,
    gsi2sk: `${part(start)}#${part(bookingId)}#`,
  }),
  slotGuard: (start: string) => ({ pk: `SLOT#${part(start)}#`, sk: 'SLOT#' }),
  dayCount: (localDate: string) => ({ pk: `BOOKINGDAY#${part(localDate)}#`, sk: 'BOOKINGDAY#' }),
};

/**
 * Automations. Run ids are ULID-shaped: the time of the trigger, then a hash of what the run is about, so a
 * redelivered event or a retried step finds the same run. The digest schedule index is, like the
 * engagement overview, an operator-level index: it holds organization ids and times only, and only the
 * hourly fan-out reads it.
 */
export const automationKeys = {
  config: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: 'AUTOMATIONS#' }),
  digestSchedule: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: 'DIGESTSCHEDULE#' }),
  /** `nextDigestAt` is ISO-8601 UTC; the partition is its hour of the day, so a missed hour is found a day later. */
  digestDue: (nextDigestAt: string, orgId: string) => ({
    gsi2pk: automationKeys.digestPartition(nextDigestAt.slice(11, 13)),
    gsi2sk: `${part(nextDigestAt)}#${part(orgId)}#`,
  }),
  digestPartition: (utcHour: string) => `DIGESTS#${part(utcHour)}#`,
  run: (orgId: string, runId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: `AUTORUN#${part(runId)}#` }),
  runPrefix: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, skPrefix: 'AUTORUN#' }),
  runByState: (state: 'failed' | 'other', runId: string) => ({
    gsi1pk: automationKeys.runStatePartition(state),
    gsi1sk: `${part(runId)}#`,
  }),
  runStatePartition: (state: 'failed' | 'other') => `AUTORUNS#${state}#`,
  leadPartition: (orgId: string, leadId: string) => `ORG#${part(orgId)}#AUTOLEAD#${part(leadId)}#`,
  runOfLead: (orgId: string, leadId: string, runId: string) => ({
    gsi2pk: automationKeys.leadPartition(orgId, leadId),
    gsi2sk: `RUN#${part(runId)}#`,
  }),
  step: (orgId: string, stepId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: `AUTOSTEP#${part(stepId)}#` }),
  stepStatusPartition: (orgId: string, status: string) => `ORG#${part(orgId)}#AUTOSTEPS#${part(status)}#`,
  stepByStatus: (orgId: string, status: string, dueAt: string, stepId: string) => ({
    gsi1pk: automationKeys.stepStatusPartition(orgId, status),
    gsi1sk: `${part(dueAt)}#${part(stepId)}#`,
  }),
  stepOfLead: (orgId: string, leadId: string, dueAt: string, stepId: string) => ({
    gsi2pk: automationKeys.leadPartition(orgId, leadId),
    gsi2sk: `STEP#${part(dueAt)}#${part(stepId)}#`,
  }),
  sendGuard: (orgId: string, runId: string, recipientHash: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `AUTOSENT#${part(runId)}#${part(recipientHash)}#`,
  }),
  responded: (orgId: string, leadId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `RESPONDED#${part(leadId)}#`,
  }),
  firstResponse: (orgId: string, respondedAt: string, leadId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `FIRSTRESPONSE#${part(respondedAt)}#${part(leadId)}#`,
  }),
  firstResponsePrefix: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, skPrefix: 'FIRSTRESPONSE#' }),
};

/** An address as a key part: lower-cased, with `#` (legal in addresses) escaped. */
const addressPart = (address: string) => part(address.trim().toLowerCase().replaceAll('#', '%23'));

/** Who must not be mailed: addresses that bounced or complained (everywhere), and per-organization opt-outs. */
export const emailKeys = {
  suppression: (address: string) => ({ pk: `SUPPRESSED#${addressPart(address)}#`, sk: 'SUPPRESSED#' }),
  suppressionList: (address: string) => ({ gsi1pk: 'SUPPRESSIONS#', gsi1sk: `${addressPart(address)}#` }),
  suppressionListPartition: 'SUPPRESSIONS#',
  optOut: (orgId: string, list: string, address: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `OPTOUT#${part(list)}#${addressPart(address)}#`,
  }),
};

/** CSV imports: the job, one plan per run chunk, and the staged files under the organization's prefix. */
/**
 * S3 keys of an event's images (its logo, its speakers' photos) in the documents bucket: an upload waits
 * under `staging/` (expired after a day) until it is checked and kept under `conference-images/`.
 */
export const conferenceImageKeys = {
  staging: (orgId: string, conferenceId: string, imageId: string) =>
    `staging/conference-images/${part(orgId)}/${part(conferenceId)}/${part(imageId)}`,
  stored: (orgId: string, conferenceId: string, imageId: string) =>
    `conference-images/${part(orgId)}/${part(conferenceId)}/${part(imageId)}`,
};

export const importKeys = {
  job: (orgId: string, importId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: `IMPORT#${part(importId)}#` }),
  chunk: (orgId: string, importId: string, chunk: number) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `IMPORTCHUNK#${part(importId)}#${String(chunk).padStart(5, '0')}#`,
  }),
  chunkPrefix: (orgId: string, importId: string) => ({
    pk: `ORG#${part(orgId)}#`,
    skPrefix: `IMPORTCHUNK#${part(importId)}#`,
  }),
  uploadFile: (orgId: string, importId: string) => `imports/${part(orgId)}/${part(importId)}/upload`,
  rowsFile: (orgId: string, importId: string, chunk: number) =>
    `imports/${part(orgId)}/${part(importId)}/rows/${chunk}.json`,
  rejectedFile: (orgId: string, importId: string) => `imports/${part(orgId)}/${part(importId)}/rejected.json`,
};

/**
 * Each organization's Google Workspace connection (Gmail, Sheets) and its consent states. The state's key
 * holds the organization, so a state started for one organization is not even found under another's.
 */
export const workspaceKeys = {
  connection: (orgId: string) => ({ pk: `ORG#${part(orgId)}#`, sk: 'GOOGLEWORKSPACE#' }),
  oauthState: (orgId: string) => (stateHash: string) => ({
    pk: `ORG#${part(orgId)}#`,
    sk: `GOOGLESTATE#${part(stateHash)}#`,
  }),
};

/**
 * Conferences. A conference and everything its agenda page shows (agenda items, speakers, live states) sit
 * under its own partition with sort keys starting `CONF#`, so the whole agenda is one Query; long texts
 * (`DESC#`) and the roster (`ROLE#`) sit beside them, outside that prefix. A person's roles are indexed in
 * their own partition, so "my conferences" spans organizations without an organization-wide index.
 */
export const conferenceKeys = {
  partition: (orgId: string, conferenceId: string) => `ORG#${part(orgId)}#CONF#${part(conferenceId)}#`,
  conference: (orgId: string, conferenceId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: 'CONF#',
  }),
  /** Everything the agenda read returns: the conference, its items, speakers and live states. */
  agendaPrefix: 'CONF#',
  byOrganization: (orgId: string, startDate: string, conferenceId: string) => ({
    gsi1pk: conferenceKeys.organizationPartition(orgId),
    gsi1sk: `${part(startDate)}#${part(conferenceId)}#`,
  }),
  organizationPartition: (orgId: string) => `ORG#${part(orgId)}#CONFS#`,
  agendaItem: (orgId: string, conferenceId: string, itemId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: `CONF#ITEM#${part(itemId)}#`,
  }),
  itemPrefix: 'CONF#ITEM#',
  description: (orgId: string, conferenceId: string, itemId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: `DESC#${part(itemId)}#`,
  }),
  speaker: (orgId: string, conferenceId: string, speakerId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: `CONF#SPEAKER#${part(speakerId)}#`,
  }),
  speakerPrefix: 'CONF#SPEAKER#',
  /** One person across the organization's conferences: their user id, or their email's hash. */
  speakerHistory: (orgId: string, person: string, startDate: string, conferenceId: string) => ({
    gsi1pk: conferenceKeys.historyPartition(orgId, person),
    gsi1sk: `${part(startDate)}#${part(conferenceId)}#`,
  }),
  historyPartition: (orgId: string, person: string) => `ORG#${part(orgId)}#PERSON#${part(person)}#`,
  liveStates: (orgId: string, conferenceId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: 'CONF#LIVE#',
  }),
  /** The WebSocket topic of pages showing a conference's live states; its own partitions, off the agenda's. */
  liveTopic: (orgId: string, conferenceId: string) => `${conferenceKeys.partition(orgId, conferenceId)}LIVE#`,
  role: (orgId: string, conferenceId: string, userId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: `ROLE#${part(userId)}#`,
  }),
  rolePrefix: 'ROLE#',
  roleOfUser: (userId: string, orgId: string, conferenceId: string) => ({
    gsi1pk: conferenceKeys.userRolesPartition(userId),
    gsi1sk: `${part(orgId)}#${part(conferenceId)}#`,
  }),
  userRolesPartition: (userId: string) => `USER#${part(userId)}#CONFS#`,
  saved: (userId: string, orgId: string, conferenceId: string, itemId: string) => ({
    pk: `USER#${part(userId)}#`,
    sk: `SAVED#${part(orgId)}#${part(conferenceId)}#${part(itemId)}#`,
  }),
  savedPrefix: (userId: string, orgId: string, conferenceId: string) => ({
    pk: `USER#${part(userId)}#`,
    skPrefix: `SAVED#${part(orgId)}#${part(conferenceId)}#`,
  }),
  feedOfUser: (userId: string, orgId: string, conferenceId: string) => ({
    pk: `USER#${part(userId)}#`,
    sk: `CALFEED#${part(orgId)}#${part(conferenceId)}#`,
  }),
  feedToken: (tokenHash: string) => ({ pk: `CALFEED#${part(tokenHash)}#`, sk: 'CALFEED#' }),
};

/**
 * Attendees, invitations, sponsors and analytics of a conference. Attendees and sponsors sit in the
 * conference's partition beside the roster; the counters that heartbeats update many times a second sit
 * in a partition of their own, so the agenda and the roster never share its write traffic.
 */
export const attendeeKeys = {
  attendee: (orgId: string, conferenceId: string, attendeeId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: `ATTENDEE#${part(attendeeId)}#`,
  }),
  attendeePrefix: 'ATTENDEE#',
  invitee: (orgId: string, conferenceId: string, address: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: `INVITEE#${addressPart(address)}#`,
  }),
  invitationToken: (tokenHash: string) => ({ pk: `CONFINVITE#${part(tokenHash)}#`, sk: 'CONFINVITE#' }),
  sentMessage: (messageId: string) => ({ pk: `SESMSG#${part(messageId)}#`, sk: 'SESMSG#' }),
};

export const sponsorKeys = {
  tiers: (orgId: string, conferenceId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: 'SPONSORTIERS#',
  }),
  sponsor: (orgId: string, conferenceId: string, sponsorId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: `SPONSOR#${part(sponsorId)}#`,
  }),
  /** Matches the tiers item and every sponsor. */
  showcasePrefix: 'SPONSOR',
};

export const statsKeys = {
  partition: (orgId: string, conferenceId: string) =>
    `${conferenceKeys.partition(orgId, conferenceId)}STATS#`,
  funnel: (orgId: string, conferenceId: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: 'A#FUNNEL#',
  }),
  item: (orgId: string, conferenceId: string, itemId: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: `A#ITEM#${part(itemId)}#`,
  }),
  /** `date` is the conference's local date. */
  day: (orgId: string, conferenceId: string, date: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: `A#DAY#${part(date)}#`,
  }),
  aggregatePrefix: 'A#',
  /** `minute` is ISO-8601 UTC to the minute (`2027-03-04T09:30`). */
  minute: (orgId: string, conferenceId: string, minute: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: `MINUTE#${part(minute)}#`,
  }),
  person: (orgId: string, conferenceId: string, userId: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: `PERSON#${part(userId)}#`,
  }),
  personPrefix: 'PERSON#',
  watch: (orgId: string, conferenceId: string, itemId: string, userId: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: `WATCH#${part(itemId)}#${part(userId)}#`,
  }),
};

/**
 * Chat moderation of a conference: reports, bans and mutes in the conference's own moderation partition
 * (a send reads the ban and both mutes in one batch), slow-mode turns beside the room's messages.
 */
export const moderationKeys = {
  partition: (orgId: string, conferenceId: string) =>
    `${conferenceKeys.partition(orgId, conferenceId)}CHATMOD#`,
  report: (orgId: string, conferenceId: string, reportId: string) => ({
    pk: moderationKeys.partition(orgId, conferenceId),
    sk: `REPORT#${part(reportId)}#`,
  }),
  reportPrefix: 'REPORT#',
  openReport: (orgId: string, conferenceId: string, reportId: string) => ({
    gsi1pk: moderationKeys.openReportsPartition(orgId, conferenceId),
    gsi1sk: `${part(reportId)}#`,
  }),
  openReportsPartition: (orgId: string, conferenceId: string) =>
    `${conferenceKeys.partition(orgId, conferenceId)}OPENREPORTS#`,
  reportGuard: (orgId: string, conferenceId: string, messageId: string, userId: string) => ({
    pk: moderationKeys.partition(orgId, conferenceId),
    sk: `REPORTED#${part(messageId)}#${part(userId)}#`,
  }),
  ban: (orgId: string, conferenceId: string, userId: string) => ({
    pk: moderationKeys.partition(orgId, conferenceId),
    sk: `R#BAN#${part(userId)}#`,
  }),
  /** `roomId` null: muted in every room of the conference. */
  mute: (orgId: string, conferenceId: string, userId: string, roomId: string | null) => ({
    pk: moderationKeys.partition(orgId, conferenceId),
    sk: `R#MUTE#${part(userId)}#${roomId ? part(roomId) : 'EVENT'}#`,
  }),
  restrictionPrefix: 'R#',
  slowModeTurn: (orgId: string, roomId: string, userId: string) => ({
    pk: chatKeys.topic(orgId, roomId),
    sk: `SLOW#${part(userId)}#`,
  }),
};

/** Chat counters kept as messages and connections happen, in the conference's stats partition. */
export const chatStatsKeys = {
  room: (orgId: string, conferenceId: string, roomId: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: `C#ROOM#${part(roomId)}#`,
  }),
  /** `date` is the UTC date of the message. */
  day: (orgId: string, conferenceId: string, date: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: `C#DAY#${part(date)}#`,
  }),
  person: (orgId: string, conferenceId: string, userId: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: `C#PERSON#${part(userId)}#`,
  }),
  connections: (orgId: string, conferenceId: string) => ({
    pk: statsKeys.partition(orgId, conferenceId),
    sk: 'C#CONNECTIONS#',
  }),
  prefix: 'C#',
};

/** Contacts attendees chose to share with a sponsor: one partition per sponsor, one item per person. */
export const sponsorLeadKeys = {
  partition: (orgId: string, conferenceId: string, sponsorId: string) =>
    `${conferenceKeys.partition(orgId, conferenceId)}SPONSORLEADS#${part(sponsorId)}#`,
  lead: (orgId: string, conferenceId: string, sponsorId: string, userId: string) => ({
    pk: sponsorLeadKeys.partition(orgId, conferenceId, sponsorId),
    sk: `PERSON#${part(userId)}#`,
  }),
  prefix: 'PERSON#',
};

/**
 * Networking inside one conference. Each person has a partition of their own there: their card (which is
 * also the head of their inbox topic, so DMs and requests reach their connections), their side of every
 * connection link, their blocks and their conversation entries. A conversation's messages live in a
 * partition of the pair (the two user ids in sorted order), never in the conference's partition.
 */
export const networkingKeys = {
  person: (orgId: string, conferenceId: string, userId: string) =>
    `ORG#${part(orgId)}#CONF#${part(conferenceId)}#NET#${part(userId)}#`,
  profile: (orgId: string, conferenceId: string, userId: string) => ({
    pk: networkingKeys.person(orgId, conferenceId, userId),
    sk: 'PROFILE#',
  }),
  directoryPartition: (orgId: string, conferenceId: string) =>
    `ORG#${part(orgId)}#CONF#${part(conferenceId)}#DIRECTORY#`,
  directoryEntry: (orgId: string, conferenceId: string, nameLower: string, userId: string) => ({
    gsi1pk: networkingKeys.directoryPartition(orgId, conferenceId),
    gsi1sk: `${nameLower.replaceAll('#', ' ')}#${part(userId)}#`,
  }),
  link: (orgId: string, conferenceId: string, userId: string, otherId: string) => ({
    pk: networkingKeys.person(orgId, conferenceId, userId),
    sk: `LINK#${part(otherId)}#`,
  }),
  linkStatePartition: (orgId: string, conferenceId: string, userId: string, state: string) =>
    `${networkingKeys.person(orgId, conferenceId, userId)}LINKS#${part(state)}#`,
  linkByState: (
    orgId: string,
    conferenceId: string,
    userId: string,
    state: string,
    at: string,
    otherId: string,
  ) => ({
    gsi1pk: networkingKeys.linkStatePartition(orgId, conferenceId, userId, state),
    gsi1sk: `${part(at)}#${part(otherId)}#`,
  }),
  block: (orgId: string, conferenceId: string, userId: string, otherId: string) => ({
    pk: networkingKeys.person(orgId, conferenceId, userId),
    sk: `BLOCK#${part(otherId)}#`,
  }),
  blockPrefix: (orgId: string, conferenceId: string, userId: string) => ({
    pk: networkingKeys.person(orgId, conferenceId, userId),
    skPrefix: 'BLOCK#',
  }),
  conversationEntry: (orgId: string, conferenceId: string, userId: string, otherId: string) => ({
    pk: networkingKeys.person(orgId, conferenceId, userId),
    sk: `DM#${part(otherId)}#`,
  }),
  conversationsPartition: (orgId: string, conferenceId: string, userId: string) =>
    `${networkingKeys.person(orgId, conferenceId, userId)}DMS#`,
  conversationByActivity: (
    orgId: string,
    conferenceId: string,
    userId: string,
    at: string,
    otherId: string,
  ) => ({
    gsi1pk: networkingKeys.conversationsPartition(orgId, conferenceId, userId),
    gsi1sk: `${part(at)}#${part(otherId)}#`,
  }),
  /** The same partition whichever of the two asks. */
  conversation: (orgId: string, conferenceId: string, userId: string, otherId: string) => {
    const [first, second] = [part(userId), part(otherId)].sort();
    return `ORG#${part(orgId)}#CONF#${part(conferenceId)}#DM#${first}.${second}#`;
  },
  message: (orgId: string, conferenceId: string, userId: string, otherId: string, messageId: string) => ({
    pk: networkingKeys.conversation(orgId, conferenceId, userId, otherId),
    sk: `MSG#${part(messageId)}#`,
  }),
  messagePrefix: (orgId: string, conferenceId: string, userId: string, otherId: string) => ({
    pk: networkingKeys.conversation(orgId, conferenceId, userId, otherId),
    skPrefix: 'MSG#',
  }),
  /** Bounds of the messages after `messageId`, as for chat rooms. */
  messagesAfter: (
    orgId: string,
    conferenceId: string,
    userId: string,
    otherId: string,
    messageId: string,
  ) => ({
    pk: networkingKeys.conversation(orgId, conferenceId, userId, otherId),
    from: `MSG#${part(messageId)}#!`,
    to: 'MSG#~',
  }),
  settings: (orgId: string, conferenceId: string) => ({
    pk: conferenceKeys.partition(orgId, conferenceId),
    sk: 'NETSETTINGS#',
  }),
};
