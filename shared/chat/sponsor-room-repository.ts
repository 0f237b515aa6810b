import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { chatKeys } from '../db/keys';
import { conferenceRoomPages, type RoomItem, roomOf } from './repository';

/** The sponsor's room among the conference's rooms (its index partition), if one was opened. */
export const findSponsorRoom = async (orgId: string, conferenceId: string, sponsorId: string) => {
  for await (const page of conferenceRoomPages(orgId, conferenceId)) {
    const found = page.find((room) => room.sponsor?.id === sponsorId);
    if (found) return found;
  }
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
