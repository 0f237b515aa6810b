import { ulid } from 'ulid';
import { alongside } from '../auth/alongside';
import { takeFromSlidingWindow } from '../db/throttle';
import { ForbiddenError, NotFoundError, TooManyRequestsError } from '../http/errors';
import { type ConnectionItem, postToTopic, presenceOf, subscribe } from '../realtime';
import { assertActive, connectionCaller, type NetworkingCaller, participation } from './access';
import { type ConversationView, type DirectMessageView, directMessageLimit } from './contracts';
import * as repository from './repository';
import { mayMeet } from './rules';

interface ConferenceRef {
  readonly orgId: string;
  readonly conferenceId: string;
}

const takeDirectMessageAllowance = async (senderId: string) => {
  const outcome = await takeFromSlidingWindow(
    'direct-message',
    senderId,
    directMessageLimit.messages,
    directMessageLimit.windowSeconds,
  );
  if (!outcome.taken)
    throw new TooManyRequestsError(
      `At most ${directMessageLimit.messages} direct messages in ${directMessageLimit.windowSeconds} seconds; try again in ${outcome.retryAfterSeconds} s`,
      { retryAfterSeconds: outcome.retryAfterSeconds },
    );
};

/** The topic id a connection's item records for its subscription to one conference's inbox. */
const topicId = (conferenceId: string) => `net.${conferenceId}`;

/**
 * Subscribes the connection to the caller's inbox in a conference (their card heads it), so their direct
 * messages and requests reach every tab they have open. Answers the unread count over all conversations.
 */
export const subscribeInbox = async (connection: ConnectionItem, ref: ConferenceRef) => {
  const context = await participation(connectionCaller(connection), ref.orgId, ref.conferenceId);
  await repository.ensureProfile(ref.orgId, ref.conferenceId, context.viewer);
  await subscribe(
    connection,
    topicId(ref.conferenceId),
    repository.inboxTopic(ref.orgId, ref.conferenceId, connection.userId).topic,
    repository.inboxTopic(ref.orgId, ref.conferenceId, connection.userId).head,
    ref.orgId,
  );
  return { unread: await repository.totalUnread(ref.orgId, ref.conferenceId, connection.userId) };
};

/**
 * Messages go between connections only, unless the organizers opened messaging to everyone the caller may
 * meet; a block in either direction refuses them, and so does networking turned off.
 */
export const sendDirectMessage = async (
  connection: ConnectionItem,
  input: ConferenceRef & { to: string; text: string },
): Promise<DirectMessageView> => {
  const context = await participation(
    connectionCaller(connection),
    input.orgId,
    input.conferenceId,
    input.to,
  );
  assertActive(context);
  const { other, otherProfile, link, blocked, blockedBy } = context.pair!;
  if (!other || other.userId === context.viewer.userId) throw new NotFoundError('No such person');
  if (blocked || blockedBy) throw new ForbiddenError('You cannot message this person');
  if (!mayMeet(context.viewer, other))
    throw new ForbiddenError('The event’s networking settings do not let you message this person');
  if (link?.state !== 'connected') {
    if (!context.settings.messagesWithoutConnection)
      throw new ForbiddenError('Connect first: direct messages are for connections');
    // Open messaging reaches people one can find, never someone hidden from the directory.
    if (!otherProfile?.listed && !link) throw new NotFoundError('No such person');
  }
  // Counted only once the message may go: a refused message spends nothing of the allowance.
  await takeDirectMessageAllowance(context.viewer.userId);
  const message: DirectMessageView = {
    id: ulid(),
    authorId: context.viewer.userId,
    authorName: context.viewer.name,
    recipientId: other.userId,
    text: input.text,
    createdAt: new Date().toISOString(),
  };
  await repository.putDirectMessage(input.orgId, input.conferenceId, message, other.name);
  const frame = { type: 'dm.message', orgId: input.orgId, conferenceId: input.conferenceId, message };
  await Promise.all([
    postToTopic(
      repository.inboxTopic(input.orgId, input.conferenceId, other.userId).topic,
      otherProfile?.shards,
      frame,
    ),
    postToTopic(
      repository.inboxTopic(input.orgId, input.conferenceId, context.viewer.userId).topic,
      context.viewerProfile?.shards,
      frame,
    ),
  ]);
  return message;
};

export const markConversationRead = async (
  connection: ConnectionItem,
  input: ConferenceRef & { with: string },
) => {
  await participation(connectionCaller(connection), input.orgId, input.conferenceId);
  await repository.markConversationRead(input.orgId, input.conferenceId, connection.userId, input.with);
  return { unread: 0 as const };
};

/** A conversation's own history stays readable to both people, blocks or not. */
export const catchUpConversation = async (
  connection: ConnectionItem,
  input: ConferenceRef & { with: string; after: string; limit: number },
) => {
  await participation(connectionCaller(connection), input.orgId, input.conferenceId);
  return repository.directMessagesAfter(
    input.orgId,
    input.conferenceId,
    connection.userId,
    input.with,
    input.after,
    input.limit,
  );
};

export const listConversations = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  query: { limit: number; cursor?: string },
) => {
  // Side by side (one round trip): the caller's own list is thrown away unless they take part.
  const [, page] = await alongside(
    participation(caller, orgId, conferenceId),
    repository.listConversations(orgId, conferenceId, caller.userId, query.limit, query.cursor),
  );
  const presence = await presenceOf(
    orgId,
    page.items.map((conversation) => conversation.userId),
  );
  return {
    items: page.items.map(
      (conversation): ConversationView => ({
        ...conversation,
        presence: presence.get(conversation.userId) ?? 'offline',
      }),
    ),
    nextCursor: page.nextCursor,
  };
};

export const listDirectMessages = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
  query: { limit: number; cursor?: string },
) => {
  await participation(caller, orgId, conferenceId);
  return repository.listDirectMessages(orgId, conferenceId, caller.userId, userId, query.limit, query.cursor);
};
