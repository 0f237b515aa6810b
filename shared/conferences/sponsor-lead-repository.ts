import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { fromItem } from '../db/item';
import { sponsorKeys, sponsorLeadKeys } from '../db/keys';
import { queryPrefix } from '../db/queries';
import type { SponsorItem } from './sponsor-repository';

export interface SponsorLeadItem {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly sharedAt: string;
}

export const getLead = async (orgId: string, conferenceId: string, sponsorId: string, userId: string) => {
  const key = sponsorLeadKeys.lead(orgId, conferenceId, sponsorId, userId);
  return fromItem<SponsorLeadItem>((await getMany([key]))(key));
};

export const putLead = async (
  orgId: string,
  conferenceId: string,
  sponsorId: string,
  lead: SponsorLeadItem,
) => {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...sponsorLeadKeys.lead(orgId, conferenceId, sponsorId, lead.userId), ...lead },
    }),
  );
};

/** Revoking deletes the item: nothing of the contact stays with the sponsor. */
export const deleteLead = async (orgId: string, conferenceId: string, sponsorId: string, userId: string) => {
  await dynamo.send(
    new DeleteCommand({
      TableName: tableName,
      Key: sponsorLeadKeys.lead(orgId, conferenceId, sponsorId, userId),
    }),
  );
};

export const listLeads = async (
  orgId: string,
  conferenceId: string,
  sponsorId: string,
  limit: number,
  cursor?: string,
) => {
  const { items, nextCursor } = await queryPrefix({
    pk: sponsorLeadKeys.partition(orgId, conferenceId, sponsorId),
    skPrefix: sponsorLeadKeys.prefix,
    limit,
    cursor,
  });
  return { leads: items.map((item) => fromItem<SponsorLeadItem>(item)!), nextCursor };
};

/** One sponsor (with its representatives' ids), or undefined. */
export const getSponsor = async (orgId: string, conferenceId: string, sponsorId: string) => {
  const key = sponsorKeys.sponsor(orgId, conferenceId, sponsorId);
  return fromItem<SponsorItem>((await getMany([key]))(key), ['entity']);
};
