import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { chatKeys } from '../db/keys';
import { type RoomItem, roomOf } from './repository';

/** The sponsor's room among the conference's rooms (its index partition), if one was opened. */
export const findSponsorRoom = async (orgId: string, conferenceId: string, sponsorId: string) => {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': chatKeys.conferencePartition(orgId, conferenceId) },
        ExclusiveStartKey: startKey,
      }),
    );
    const found = (page.Items ?? [])
      .map((item) => roomOf(item)!)
      .find((room) => room.sponsor?.id === sponsorId);
    if (found) return found;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return undefined;
};

/** Changes a sponsor room's access and refreshes its branding; answers the room as it is now. */
export const updateSponsorRoom = async (
  orgId: string,
  roomId: string,
  change: Required<Pick<RoomItem, 'access' | 'sponsor'>> & Pick<RoomItem, 'name'>,
) => {
  const { Attributes } = await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: chatKeys.room(orgId, roomId),
      UpdateExpression: 'SET #access = :access, sponsor = :sponsor, #name = :name',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#access': 'access', '#name': 'name' },
      ExpressionAttributeValues: {
        ':access': change.access,
        ':sponsor': change.sponsor,
        ':name': change.name,
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return roomOf(Attributes)!;
};
