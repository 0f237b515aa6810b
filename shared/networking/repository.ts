import {
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany, type ItemKey } from '../db/batch';
import { decodeCursor, encodeCursor, gsi1Key } from '../db/cursor';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { conferenceKeys, networkingKeys, orgKeys } from '../db/keys';
import { queryPrefix, queryWholePrefix } from '../db/queries';
import { id } from '../http/contracts';
import * as z from '../schema/zod';
import {
  conversationView,
  type DirectMessageView,
  directMessageView,
  type LinkState,
  linkState,
  type NetworkingSettings,
  type ProfileInput,
} from './contracts';
import { type Participant, participantOf } from './rules';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A person's card as stored (absent fields: a card never saved). */
export interface ProfileItem extends Required<ProfileInput> {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  /** Unanswered requests this person has out. */
  readonly pendingOut: number;
  /** Shards of the person's inbox topic in use. */
  readonly shards?: ReadonlySet<number>;
}

/** One side of a pair: `userId` is the other person. */
export interface LinkItem {
  readonly userId: string;
  readonly name: string;
  readonly state: LinkState;
  readonly note: string;
  readonly requesterId: string;
  readonly updatedAt: string;
}

/** A person's inbox topic in a conference (their card heads it): DMs and requests reach them there. */
export const inboxTopic = (orgId: string, conferenceId: string, userId: string) => ({
  topic: networkingKeys.person(orgId, conferenceId, userId),
  head: networkingKeys.profile(orgId, conferenceId, userId),
});

export const emptyProfile = (participant: Participant): ProfileItem => ({
  userId: participant.userId,
  name: participant.name,
  role: participant.role,
  listed: false,
  company: '',
  title: '',
  bio: '',
  interests: [],
  contactEmail: participant.email,
  phone: '',
  website: null,
  pendingOut: 0,
});

/**
 * A card as stored: every field may be absent on a card saved before it existed, or never saved (a card
 * made on subscribing). Name and role are the roster's, never the card's copy.
 */
const storedProfileSchema = z.partial(
  z.object({
    userId: id,
    listed: z.boolean(),
    company: z.string(),
    title: z.string(),
    bio: z.string(),
    interests: z.array(z.string()),
    contactEmail: z.string(),
    phone: z.string(),
    website: z.nullable(z.string()),
    pendingOut: z.number().check(z.int(), z.nonnegative()),
    shards: z.set(z.number().check(z.int())),
  }),
);

/** Attributes of cards and links that only queries read: the directory's search text, the item's kind. */
const queryOnly = ['searchText', 'entity'];

/** A stored card read for a person on the roster (as the directory's index gives it, or by its key). */
export const profileOf = (
  item: Record<string, unknown> | undefined,
  participant: Participant,
): ProfileItem => ({
  ...emptyProfile(participant),
  ...parseItem(storedProfileSchema, item, queryOnly),
  name: participant.name,
  role: participant.role,
});

const linkItemSchema = z.object({
  userId: id,
  name: z.string(),
  state: linkState,
  note: z.string(),
  requesterId: id,
  updatedAt: z.string(),
});

const linkOf = (item: Record<string, unknown> | undefined): LinkItem | undefined =>
  parseItem(linkItemSchema, item, ['entity']);

export interface PairContext {
  readonly other: Participant | undefined;
  readonly otherProfile: ProfileItem | undefined;
  /** The viewer's side of the pair, and the other's. */
  readonly link: LinkItem | undefined;
  readonly otherLink: LinkItem | undefined;
  readonly blocked: boolean;
  readonly blockedBy: boolean;
}

export interface Context {
  readonly conference: { features?: { networking?: boolean }; status?: string } | undefined;
  readonly settings: NetworkingSettings;
  readonly viewer: Participant | undefined;
  readonly viewerProfile: ProfileItem | undefined;
  readonly pair: PairContext | undefined;
}

/** Of the conference item, what networking follows: its toggle and status. */
const conferenceToggleSchema = z.object({
  features: z.optional(z.object({ networking: z.optional(z.boolean()) })),
  status: z.optional(z.string()),
});

/**
 * Everything one networking decision needs, in one batch read: the conference (its toggle), the
 * organizers' settings, the viewer's roster entry and card, and — with another person — theirs, both
 * sides of the pair's link and both directions' blocks.
 */
export const readContext = async (
  orgId: string,
  conferenceId: string,
  viewerId: string,
  otherId?: string,
): Promise<Context> => {
  const keys = [
    conferenceKeys.conference(orgId, conferenceId),
    networkingKeys.settings(orgId, conferenceId),
    conferenceKeys.role(orgId, conferenceId, viewerId),
    networkingKeys.profile(orgId, conferenceId, viewerId),
  ];
  if (otherId)
    keys.push(
      conferenceKeys.role(orgId, conferenceId, otherId),
      networkingKeys.profile(orgId, conferenceId, otherId),
      networkingKeys.link(orgId, conferenceId, viewerId, otherId),
      networkingKeys.link(orgId, conferenceId, otherId, viewerId),
      networkingKeys.block(orgId, conferenceId, viewerId, otherId),
      networkingKeys.block(orgId, conferenceId, otherId, viewerId),
    );
  const found = await getMany(keys);
  const [conference, settings, viewerRole, viewerProfile, ...rest] = keys.map((key) => found(key));
  const viewer = participantOf(viewerRole);
  const other = participantOf(rest[0]);
  return {
    conference: parseItem(conferenceToggleSchema, conference),
    settings: { messagesWithoutConnection: Boolean(settings?.messagesWithoutConnection) },
    viewer,
    viewerProfile: viewer ? profileOf(viewerProfile, viewer) : undefined,
    pair: otherId
      ? {
          other,
          otherProfile: other ? profileOf(rest[1], other) : undefined,
          link: linkOf(rest[2]),
          otherLink: linkOf(rest[3]),
          blocked: Boolean(rest[4]),
          blockedBy: Boolean(rest[5]),
        }
      : undefined,
  };
};

/** Which of these people opted into the conference's directory: one batch read per 100. */
export const listedAmong = async (orgId: string, conferenceId: string, userIds: readonly string[]) => {
  const unique = [...new Set(userIds)];
  const listed = new Set<string>();
  for (let start = 0; start < unique.length; start += 100) {
    const slice = unique.slice(start, start + 100);
    const found = await getMany(slice.map((userId) => networkingKeys.profile(orgId, conferenceId, userId)));
    for (const userId of slice)
      if (found(networkingKeys.profile(orgId, conferenceId, userId))?.listed === true) listed.add(userId);
  }
  return listed;
};

const focusTopicsSchema = z.object({ focusTopics: z.optional(z.array(z.string())) });

/** The organization's focus topics: what interests are chosen from. */
export const focusTopicsOf = async (orgId: string): Promise<string[]> => {
  const found = await getMany([orgKeys.profile(orgId)]);
  return [...(parseItem(focusTopicsSchema, found(orgKeys.profile(orgId)))?.focusTopics ?? [])];
};

export const saveSettings = async (orgId: string, conferenceId: string, settings: NetworkingSettings) => {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: networkingKeys.settings(orgId, conferenceId),
      UpdateExpression: 'SET messagesWithoutConnection = :open',
      ExpressionAttributeValues: { ':open': settings.messagesWithoutConnection },
    }),
  );
};

/**
 * Writes the card, keeping what others write on the same item (the request counter, the inbox shards).
 * A listed card carries the directory index keys; an unlisted one drops them, so it vanishes from search.
 */
export const saveProfile = async (orgId: string, conferenceId: string, profile: ProfileItem) => {
  const values: Record<string, unknown> = {
    ':userId': profile.userId,
    ':name': profile.name,
    ':role': profile.role,
    ':listed': profile.listed,
    ':company': profile.company,
    ':title': profile.title,
    ':bio': profile.bio,
    ':interests': profile.interests,
    ':contactEmail': profile.contactEmail,
    ':phone': profile.phone,
    ':website': profile.website,
    ':searchText': `${profile.name} ${profile.company}`.toLowerCase(),
  };
  const sets = [
    'userId = :userId',
    '#name = :name',
    '#role = :role',
    'listed = :listed',
    'company = :company',
    'title = :title',
    'bio = :bio',
    'interests = :interests',
    'contactEmail = :contactEmail',
    'phone = :phone',
    'website = :website',
    'searchText = :searchText',
  ];
  let update = '';
  if (profile.listed) {
    const entry = networkingKeys.directoryEntry(
      orgId,
      conferenceId,
      profile.name.toLowerCase(),
      profile.userId,
    );
    values[':gsi1pk'] = entry.gsi1pk;
    values[':gsi1sk'] = entry.gsi1sk;
    update = `SET ${[...sets, 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk'].join(', ')}`;
  } else update = `SET ${sets.join(', ')} REMOVE gsi1pk, gsi1sk`;
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: networkingKeys.profile(orgId, conferenceId, profile.userId),
      UpdateExpression: update,
      ExpressionAttributeNames: { '#name': 'name', '#role': 'role' },
      ExpressionAttributeValues: values,
    }),
  );
};

/** Makes sure the person's card exists, so it can head their inbox topic. */
export const ensureProfile = async (orgId: string, conferenceId: string, participant: Participant) => {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: networkingKeys.profile(orgId, conferenceId, participant.userId),
      UpdateExpression: 'SET userId = :userId, #name = if_not_exists(#name, :name)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':userId': participant.userId, ':name': participant.name },
    }),
  );
};

export interface DirectoryQuery {
  readonly q?: string;
  readonly interest?: string;
  readonly role?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** A page of listed cards by name; filters apply after the read, so filtered pages read wider. */
export const queryDirectory = async (orgId: string, conferenceId: string, query: DirectoryQuery) => {
  const partition = networkingKeys.directoryPartition(orgId, conferenceId);
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': partition };
  if (query.q) {
    filters.push('contains(searchText, :q)');
    values[':q'] = query.q;
  }
  if (query.interest) {
    filters.push('contains(interests, :interest)');
    values[':interest'] = query.interest;
  }
  if (query.role) {
    filters.push('#role = :role');
    names['#role'] = 'role';
    values[':role'] = query.role;
  }
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      Limit: filters.length ? query.limit * 2 : query.limit,
      ExclusiveStartKey: decodeCursor(query.cursor, { gsi1pk: partition }, gsi1Key),
    }),
  );
  return { items: result.Items ?? [], lastEvaluatedKey: result.LastEvaluatedKey };
};

/**
 * For each candidate: their roster entry (access and group as the organizers set them now), whether the
 * viewer blocked them or they blocked the viewer, and the viewer's link with them. One batch read.
 */
export const candidatesOf = async (
  orgId: string,
  conferenceId: string,
  viewerId: string,
  userIds: string[],
) => {
  const keysOf = (userId: string) => [
    conferenceKeys.role(orgId, conferenceId, userId),
    networkingKeys.block(orgId, conferenceId, viewerId, userId),
    networkingKeys.block(orgId, conferenceId, userId, viewerId),
    networkingKeys.link(orgId, conferenceId, viewerId, userId),
  ];
  // BatchGetItem takes 100 keys: 25 candidates a call, all calls at once.
  const batches = [];
  for (let start = 0; start < userIds.length; start += 25)
    batches.push(getMany(userIds.slice(start, start + 25).flatMap(keysOf)));
  const lookups = await Promise.all(batches);
  const found = (key: ItemKey) => lookups.map((lookup) => lookup(key)).find(Boolean);
  return new Map(
    userIds.map((userId) => {
      const [role, blocked, blockedBy, link] = keysOf(userId).map((key) => found(key));
      return [
        userId,
        {
          participant: participantOf(role),
          blocked: Boolean(blocked || blockedBy),
          link: linkOf(link),
        },
      ] as const;
    }),
  );
};

export const listLinks = async (
  orgId: string,
  conferenceId: string,
  userId: string,
  state: LinkState,
  limit: number,
  cursor?: string,
) => {
  const partition = networkingKeys.linkStatePartition(orgId, conferenceId, userId, state);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: partition }, gsi1Key),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => linkOf(item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

interface Condition {
  readonly ConditionExpression: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, unknown>;
}

/** The side may not have changed since it was read: its state, or its absence. */
const linkStateIs = (state: LinkState | undefined): Condition =>
  state
    ? {
        ConditionExpression: '#state = :state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':state': state },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };

const linkPut = (
  orgId: string,
  conferenceId: string,
  ownerId: string,
  link: LinkItem,
  condition: Condition,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...networkingKeys.link(orgId, conferenceId, ownerId, link.userId),
      ...networkingKeys.linkByState(orgId, conferenceId, ownerId, link.state, link.updatedAt, link.userId),
      entity: 'link',
      ...link,
    },
    ...condition,
  },
});

const pendingChange = (
  orgId: string,
  conferenceId: string,
  userId: string,
  delta: 1 | -1,
  cap?: number,
): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: networkingKeys.profile(orgId, conferenceId, userId),
    UpdateExpression: 'ADD pendingOut :delta SET userId = :userId',
    ...(cap !== undefined
      ? { ConditionExpression: 'attribute_not_exists(pendingOut) OR pendingOut < :cap' }
      : {}),
    ExpressionAttributeValues: {
      ':delta': delta,
      ':userId': userId,
      ...(cap !== undefined ? { ':cap': cap } : {}),
    },
  },
});

/** Why a pair write was refused: a side changed since it was read, or the requester is at the cap. */
export type PairConflict = 'changed' | 'cap';

const transact = async (items: TransactItem[], capIndex = -1): Promise<PairConflict | undefined> => {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return undefined;
  } catch (error) {
    const failed = failedConditions(error);
    if (!failed) throw error;
    return failed.includes(capIndex) ? 'cap' : 'changed';
  }
};

export interface Person {
  readonly userId: string;
  readonly name: string;
}

/** A new request: both sides at once, and one more on the requester's counter (refused at the cap). */
export const createRequest = (
  orgId: string,
  conferenceId: string,
  requester: Person,
  recipient: Person,
  note: string,
  at: string,
  cap: number,
) => {
  const link = { note, requesterId: requester.userId, updatedAt: at };
  return transact(
    [
      linkPut(
        orgId,
        conferenceId,
        requester.userId,
        { ...recipient, ...link, state: 'outgoing' },
        linkStateIs(undefined),
      ),
      linkPut(
        orgId,
        conferenceId,
        recipient.userId,
        { ...requester, ...link, state: 'incoming' },
        linkStateIs(undefined),
      ),
      pendingChange(orgId, conferenceId, requester.userId, 1, cap),
    ],
    2,
  );
};

/** Both sides become connections; the requester has one request fewer out. */
export const acceptRequest = (
  orgId: string,
  conferenceId: string,
  recipient: Person,
  requester: Person,
  note: string,
  at: string,
) => {
  const link = { note, requesterId: requester.userId, updatedAt: at, state: 'connected' as const };
  return transact([
    linkPut(orgId, conferenceId, requester.userId, { ...recipient, ...link }, linkStateIs('outgoing')),
    linkPut(orgId, conferenceId, recipient.userId, { ...requester, ...link }, linkStateIs('incoming')),
    pendingChange(orgId, conferenceId, requester.userId, -1),
  ]);
};

const linkDelete = (
  orgId: string,
  conferenceId: string,
  ownerId: string,
  otherId: string,
  state: LinkState,
): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: networkingKeys.link(orgId, conferenceId, ownerId, otherId),
    ...linkStateIs(state),
  },
});

/**
 * Ends a pair's link as both sides were read (a request declined or withdrawn, or anything a block ends);
 * an unanswered request comes off its requester's counter.
 */
export const endLink = (
  orgId: string,
  conferenceId: string,
  links: readonly { readonly ownerId: string; readonly link: LinkItem }[],
  extra: TransactItem[] = [],
) => {
  const pending = links.find(({ link }) => link.state === 'outgoing');
  return transact([
    ...links.map(({ ownerId, link }) => linkDelete(orgId, conferenceId, ownerId, link.userId, link.state)),
    ...(pending ? [pendingChange(orgId, conferenceId, pending.ownerId, -1)] : []),
    ...extra,
  ]);
};

export const blockPut = (
  orgId: string,
  conferenceId: string,
  userId: string,
  other: { userId: string; name: string },
  at: string,
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...networkingKeys.block(orgId, conferenceId, userId, other.userId),
      entity: 'block',
      userId: other.userId,
      name: other.name,
      blockedAt: at,
    },
  },
});

export const unblock = async (orgId: string, conferenceId: string, userId: string, otherId: string) => {
  await transact([
    { Delete: { TableName: tableName, Key: networkingKeys.block(orgId, conferenceId, userId, otherId) } },
  ]);
};

export const listBlocks = async (
  orgId: string,
  conferenceId: string,
  userId: string,
  limit: number,
  cursor?: string,
) => {
  const { pk, skPrefix } = networkingKeys.blockPrefix(orgId, conferenceId, userId);
  const { items, nextCursor } = await queryPrefix({ pk, skPrefix, limit, cursor });
  return {
    items: items.map((item) => ({
      userId: String(item.userId),
      name: String(item.name),
      blockedAt: String(item.blockedAt),
    })),
    nextCursor,
  };
};

const conversationUpdate = (
  orgId: string,
  conferenceId: string,
  ownerId: string,
  other: { userId: string; name: string },
  message: DirectMessageView,
  unread: 'reset' | 'add',
): TransactItem => {
  const activity = networkingKeys.conversationByActivity(
    orgId,
    conferenceId,
    ownerId,
    message.createdAt,
    other.userId,
  );
  return {
    Update: {
      TableName: tableName,
      Key: networkingKeys.conversationEntry(orgId, conferenceId, ownerId, other.userId),
      UpdateExpression: `SET userId = :other, #name = :name, lastMessageAt = :at, lastText = :text, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, entity = :entity ${
        unread === 'add' ? 'ADD unread :one' : ', unread = :zero'
      }`,
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: {
        ':other': other.userId,
        ':name': other.name,
        ':at': message.createdAt,
        ':text': message.text.slice(0, 140),
        ':gsi1pk': activity.gsi1pk,
        ':gsi1sk': activity.gsi1sk,
        ':entity': 'conversation',
        ...(unread === 'add' ? { ':one': 1 } : { ':zero': 0 }),
      },
    },
  };
};

/** The message and both people's conversation entries in one transaction: the recipient's unread grows. */
export const putDirectMessage = async (
  orgId: string,
  conferenceId: string,
  message: DirectMessageView,
  recipientName: string,
) => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...networkingKeys.message(
                orgId,
                conferenceId,
                message.authorId,
                message.recipientId,
                message.id,
              ),
              entity: 'direct-message',
              ...message,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        conversationUpdate(
          orgId,
          conferenceId,
          message.authorId,
          { userId: message.recipientId, name: recipientName },
          message,
          'reset',
        ),
        conversationUpdate(
          orgId,
          conferenceId,
          message.recipientId,
          { userId: message.authorId, name: message.authorName },
          message,
          'add',
        ),
      ],
    }),
  );
};

/** Sets the person's unread count of one conversation to zero; nothing to do without a conversation. */
export const markConversationRead = async (
  orgId: string,
  conferenceId: string,
  userId: string,
  otherId: string,
) => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: networkingKeys.conversationEntry(orgId, conferenceId, userId, otherId),
        UpdateExpression: 'SET unread = :zero',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

/** A conversation as stored for one of its two people: the other person and the thread's last message. */
const conversationItemSchema = z.extend(z.omit(conversationView, { presence: true, unread: true }), {
  unread: z._default(z.number().check(z.int(), z.nonnegative()), 0),
});

export const listConversations = async (
  orgId: string,
  conferenceId: string,
  userId: string,
  limit: number,
  cursor?: string,
) => {
  const partition = networkingKeys.conversationsPartition(orgId, conferenceId, userId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: partition }, gsi1Key),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => parseItem(conversationItemSchema, item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

/** Unread messages over all of a person's conversations in the conference. */
export const totalUnread = async (orgId: string, conferenceId: string, userId: string) => {
  const items = await queryWholePrefix({
    pk: networkingKeys.person(orgId, conferenceId, userId),
    skPrefix: 'DM#',
    projection: 'unread',
  });
  return items.reduce((sum, item) => sum + Number(item.unread ?? 0), 0);
};

const messageOf = (item: Record<string, unknown>): DirectMessageView =>
  parseItem(directMessageView, item, ['entity'])!;

export const listDirectMessages = async (
  orgId: string,
  conferenceId: string,
  userId: string,
  otherId: string,
  limit: number,
  cursor?: string,
) => {
  const { pk, skPrefix } = networkingKeys.messagePrefix(orgId, conferenceId, userId, otherId);
  const { items, nextCursor } = await queryPrefix({ pk, skPrefix, limit, cursor, newestFirst: true });
  return { items: items.map(messageOf), nextCursor };
};

export const directMessagesAfter = async (
  orgId: string,
  conferenceId: string,
  userId: string,
  otherId: string,
  after: string,
  limit: number,
) => {
  const { pk, from, to } = networkingKeys.messagesAfter(orgId, conferenceId, userId, otherId, after);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
      Limit: limit + 1,
    }),
  );
  const items = result.Items ?? [];
  return { messages: items.slice(0, limit).map(messageOf), more: items.length > limit };
};
