import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { isConditionFailure } from '../db/errors';
import { chatKeys } from '../db/keys';
import { conferenceRoomPages, type RoomItem, roomItem } from './repository';

/**
 * The rooms that follow an event: its lobby and one room per session. Their ids are the ids of what they
 * follow (the lobby's is the conference's, a session room's the agenda item's), so the room's own key is
 * the guard: a redelivered or concurrent event finds the room already there and writes nothing.
 */

/** Every room of the conference, for the decisions that look at them all. */
export const listConferenceRooms = async (orgId: string, conferenceId: string): Promise<RoomItem[]> => {
  const rooms: RoomItem[] = [];
  for await (const page of conferenceRoomPages(orgId, conferenceId)) rooms.push(...page);
  return rooms;
};

/** Creates the room unless one with its id exists; true when this call created it. */
export const putRoomOnce = async (room: RoomItem): Promise<boolean> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: roomItem(room),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** Renames an existing room; false when there is none or it already has that name. */
export const renameRoom = async (orgId: string, roomId: string, name: string): Promise<boolean> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: chatKeys.room(orgId, roomId),
        UpdateExpression: 'SET #name = :name',
        ConditionExpression: 'attribute_exists(pk) AND #name <> :name',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':name': name },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** Closes an existing open room; false when there is none or it was closed already. */
export const closeRoom = async (orgId: string, roomId: string, at: string): Promise<boolean> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: chatKeys.room(orgId, roomId),
        UpdateExpression: 'SET closedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(closedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};
