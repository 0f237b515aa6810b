import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { parseItem } from '../db/item';
import { sponsorLeadKeys } from '../db/keys';
import { queryPrefix } from '../db/queries';
import { id } from '../http/contracts';
import * as z from '../schema/zod';

/** A contact an attendee shared with a sponsor: their own name and email, as their account held them. */
const sponsorLeadItem = z.object({ userId: id, name: z.string(), email: z.string(), sharedAt: z.string() });
export type SponsorLeadItem = z.infer<typeof sponsorLeadItem>;

export const getLead = async (orgId: string, conferenceId: string, sponsorId: string, userId: string) => {
  const key = sponsorLeadKeys.lead(orgId, conferenceId, sponsorId, userId);
  return parseItem(sponsorLeadItem, (await getMany([key]))(key));
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
  return { leads: items.map((item) => parseItem(sponsorLeadItem, item)!), nextCursor };
};
