import { recordConnectionAccepted, withdrawConnectionAccepted } from '../chat';
import { ConflictError, NotFoundError, TooManyRequestsError } from '../http/errors';
import { postToConnections, topicConnections } from '../realtime';
import { assertActive, type NetworkingCaller, participation, visibleOther } from './access';
import { type LinkView, maxPendingRequests } from './contracts';
import type { LinkItem } from './repository';
import * as repository from './repository';

const linkView = (link: LinkItem): LinkView => ({
  userId: link.userId,
  name: link.name,
  state: link.state,
  note: link.note,
  updatedAt: link.updatedAt,
});

const changedMeanwhile = () => new ConflictError('This request changed meanwhile; reload and try again');

const linkFrame = (orgId: string, conferenceId: string, link: LinkItem) => ({
  type: 'networking.link' as const,
  orgId,
  conferenceId,
  link: linkView(link),
});

export const listLinks = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  query: { state: LinkView['state']; limit: number; cursor?: string },
) => {
  await participation(caller, orgId, conferenceId);
  const { items, nextCursor } = await repository.listLinks(
    orgId,
    conferenceId,
    caller.userId,
    query.state,
    query.limit,
    query.cursor,
  );
  return { items: items.map(linkView), nextCursor };
};

/**
 * Asks someone the caller may find to connect. Both sides are written at once with the requester's count
 * of unanswered requests, which refuses the request past the cap.
 */
export const sendRequest = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  input: { userId: string; note: string },
): Promise<LinkView> => {
  const context = await participation(caller, orgId, conferenceId, input.userId);
  assertActive(context);
  const { other, profile, link, otherLink } = visibleOther(context);
  if (link?.state === 'connected') throw new ConflictError('You are already connected');
  if (link?.state === 'outgoing') throw new ConflictError('You already asked; wait for their answer');
  if (link?.state === 'incoming' || otherLink)
    throw new ConflictError('They already asked you: accept their request');
  const now = new Date().toISOString();
  const me = { userId: context.viewer.userId, name: context.viewer.name };
  const inbox = repository.inboxTopic(orgId, conferenceId, other.userId).topic;
  // The other person's connections are read while the request is written, and told once it is.
  const [conflict, listeners] = await Promise.all([
    repository.createRequest(
      orgId,
      conferenceId,
      me,
      { userId: other.userId, name: other.name },
      input.note,
      now,
      maxPendingRequests,
    ),
    topicConnections(inbox, profile.shards),
  ]);
  if (conflict === 'cap')
    throw new TooManyRequestsError(
      `At most ${maxPendingRequests} unanswered requests at once; withdraw one or wait for answers`,
    );
  if (conflict) throw changedMeanwhile();
  const incoming: LinkItem = {
    ...me,
    state: 'incoming',
    note: input.note,
    requesterId: me.userId,
    updatedAt: now,
  };
  await postToConnections(inbox, listeners, linkFrame(orgId, conferenceId, incoming));
  return { userId: other.userId, name: other.name, state: 'outgoing', note: input.note, updatedAt: now };
};

/** The caller's side of a link with someone still on the roster, in the state the action needs. */
const pendingLink = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
  state: 'incoming' | 'outgoing',
) => {
  const context = await participation(caller, orgId, conferenceId, userId);
  const { link, otherLink, other, otherProfile } = context.pair!;
  if (!link || link.state !== state || !otherLink || !other)
    throw new NotFoundError(
      state === 'incoming' ? 'No request from this person' : 'No request to this person',
    );
  return { context, link, otherLink, other, otherProfile: otherProfile! };
};

export const acceptRequest = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
): Promise<LinkView> => {
  const { context, link, other, otherProfile } = await pendingLink(
    caller,
    orgId,
    conferenceId,
    userId,
    'incoming',
  );
  assertActive(context);
  const now = new Date().toISOString();
  const me = { userId: context.viewer.userId, name: context.viewer.name };
  const inbox = repository.inboxTopic(orgId, conferenceId, other.userId).topic;
  // One round trip for the write, the analytics' count and the requester's connections: the count is
  // taken back in the rare case the write then fails, a counter in the transaction would make concurrent
  // accepts of one event conflict.
  const [conflict, , listeners] = await Promise.all([
    repository.acceptRequest(
      orgId,
      conferenceId,
      me,
      { userId: other.userId, name: other.name },
      link.note,
      now,
    ),
    recordConnectionAccepted(orgId, conferenceId),
    topicConnections(inbox, otherProfile.shards),
  ]);
  if (conflict) {
    await withdrawConnectionAccepted(orgId, conferenceId);
    throw changedMeanwhile();
  }
  await postToConnections(
    inbox,
    listeners,
    linkFrame(orgId, conferenceId, {
      ...me,
      state: 'connected',
      note: link.note,
      requesterId: other.userId,
      updatedAt: now,
    }),
  );
  return { userId: other.userId, name: other.name, state: 'connected', note: link.note, updatedAt: now };
};

/** Declining and withdrawing both end an unanswered request; the requester gets one request back. */
const endRequest = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
  state: 'incoming' | 'outgoing',
) => {
  const { link, otherLink } = await pendingLink(caller, orgId, conferenceId, userId, state);
  const conflict = await repository.endLink(orgId, conferenceId, [
    { ownerId: caller.userId, link },
    { ownerId: userId, link: otherLink },
  ]);
  if (conflict) throw changedMeanwhile();
};

export const declineRequest = (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
) => endRequest(caller, orgId, conferenceId, userId, 'incoming');

export const withdrawRequest = (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
) => endRequest(caller, orgId, conferenceId, userId, 'outgoing');

/**
 * Blocks someone on the roster: any request or connection between the two ends in the same transaction,
 * and from then on neither finds, asks or messages the other.
 */
export const block = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
) => {
  const context = await participation(caller, orgId, conferenceId, userId);
  const { other, link, otherLink } = context.pair!;
  if (!other || userId === caller.userId) throw new NotFoundError('No such person');
  const links = [
    ...(link ? [{ ownerId: caller.userId, link }] : []),
    ...(otherLink ? [{ ownerId: userId, link: otherLink }] : []),
  ];
  const conflict = await repository.endLink(orgId, conferenceId, links, [
    repository.blockPut(orgId, conferenceId, caller.userId, other, new Date().toISOString()),
  ]);
  if (conflict) throw changedMeanwhile();
};

export const unblock = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  userId: string,
) => {
  await participation(caller, orgId, conferenceId);
  await repository.unblock(orgId, conferenceId, caller.userId, userId);
};

export const listBlocks = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  query: { limit: number; cursor?: string },
) => {
  await participation(caller, orgId, conferenceId);
  return repository.listBlocks(orgId, conferenceId, caller.userId, query.limit, query.cursor);
};
