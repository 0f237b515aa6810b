import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { conferenceKeys, sponsorKeys } from '../db/keys';
import { queryWholePrefix } from '../db/queries';
import { id } from '../http/contracts';
import { NotFoundError, VersionConflictError } from '../http/errors';
import * as z from '../schema/zod';
import { sponsorView, type TierView, tierView } from './sponsor-contracts';

/** A sponsor as stored: representatives by user id only; their names come from the roster when read. */
export const sponsorItem = z.extend(z.omit(sponsorView, { representatives: true }), {
  representativeIds: z.array(id),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SponsorItem = z.infer<typeof sponsorItem>;

const queryOnly = ['entity'];
const toSponsor = (item: Record<string, unknown> | undefined) => parseItem(sponsorItem, item, queryOnly);

/** The conference's tiers, in order, with the version their edits are guarded by. */
const tiersItem = z.object({ tiers: z.array(tierView), version: z.number().check(z.int()) });

/** The name on a roster entry: who a representative is. */
const rosterName = z.object({ name: z.string() });

export interface Showcase {
  readonly tiers: TierView[];
  readonly tiersVersion: number;
  readonly sponsors: SponsorItem[];
}

/** Tiers and sponsors of a conference: one Query of the `SPONSOR` prefix. */
export const readShowcase = async (orgId: string, conferenceId: string): Promise<Showcase> => {
  const raw = await queryWholePrefix({
    pk: conferenceKeys.partition(orgId, conferenceId),
    skPrefix: sponsorKeys.showcasePrefix,
    consistentRead: true,
  });
  const tiers = parseItem(
    tiersItem,
    raw.find((item) => item.entity === 'sponsor-tiers'),
    queryOnly,
  );
  return {
    tiers: tiers?.tiers ?? [],
    tiersVersion: tiers?.version ?? 0,
    sponsors: raw.filter((item) => item.entity === 'sponsor').map((item) => toSponsor(item)!),
  };
};

/** One sponsor (with its representatives' ids), or undefined. */
export const getSponsor = async (orgId: string, conferenceId: string, sponsorId: string) => {
  const key = sponsorKeys.sponsor(orgId, conferenceId, sponsorId);
  return toSponsor((await getMany([key]))(key));
};

/** Replaces the tiers if their version is still `expectedVersion` (0: none saved yet). */
export const saveTiers = async (
  orgId: string,
  conferenceId: string,
  tiers: TierView[],
  expectedVersion: number,
) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...sponsorKeys.tiers(orgId, conferenceId),
          entity: 'sponsor-tiers',
          tiers,
          version: expectedVersion + 1,
        },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new VersionConflictError(expectedVersion);
    throw error;
  }
};

/** Writes a sponsor: new (`expectedVersion` null) or replacing the one still at `expectedVersion`. */
export const putSponsor = async (
  orgId: string,
  conferenceId: string,
  sponsor: SponsorItem,
  expectedVersion: number | null,
) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...sponsorKeys.sponsor(orgId, conferenceId, sponsor.id), entity: 'sponsor', ...sponsor },
        ConditionExpression:
          expectedVersion === null
            ? 'attribute_not_exists(pk)'
            : 'attribute_exists(pk) AND version = :expected',
        ...(expectedVersion === null ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new VersionConflictError(expectedVersion ?? 0);
    throw error;
  }
};

export const deleteSponsor = async (orgId: string, conferenceId: string, sponsorId: string) => {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: sponsorKeys.sponsor(orgId, conferenceId, sponsorId),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new NotFoundError();
    throw error;
  }
};

/** The roster entries of `userIds` in the conference (one batch read): who may represent a sponsor. */
export const rosterNames = async (orgId: string, conferenceId: string, userIds: readonly string[]) => {
  const names = new Map<string, string>();
  for (let start = 0; start < userIds.length; start += 100) {
    const chunk = userIds.slice(start, start + 100);
    const keys = chunk.map((userId) => conferenceKeys.role(orgId, conferenceId, userId));
    const found = await getMany(keys);
    chunk.forEach((userId, index) => {
      const role = parseItem(rosterName, found(keys[index]!));
      if (role) names.set(userId, role.name);
    });
  }
  return names;
};
