import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { isConditionFailure } from '../db/errors';
import { realtimeKeys } from '../db/keys';
import { isExpired } from '../db/ttl';

export interface TicketItem {
  readonly userId: string;
  readonly orgId: string | null;
  readonly ttl: number;
}

export const putTicket = async (hash: string, ticket: TicketItem): Promise<void> => {
  await dynamo.send(
    new PutCommand({ TableName: tableName, Item: { ...realtimeKeys.ticket(hash), ...ticket } }),
  );
};

/** Deletes the ticket and returns what it was for: a ticket opens at most one connection. */
export const consumeTicket = async (hash: string): Promise<TicketItem | undefined> => {
  try {
    const { Attributes } = await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: realtimeKeys.ticket(hash),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_OLD',
      }),
    );
    const ticket = Attributes as (TicketItem & { pk: string }) | undefined;
    return ticket && !isExpired(ticket)
      ? { userId: ticket.userId, orgId: ticket.orgId, ttl: ticket.ttl }
      : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

export const putConnection = async (
  connectionId: string,
  connection: TicketItem & { connectedAt: string },
) => {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...realtimeKeys.connection(connectionId), connectionId, ...connection },
    }),
  );
};

export const deleteConnection = async (connectionId: string) => {
  await dynamo.send(new DeleteCommand({ TableName: tableName, Key: realtimeKeys.connection(connectionId) }));
};
