import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { parseItem } from '../db/item';
import { workspaceKeys } from '../db/keys';
import { markGrantRevoked } from '../google/repository';
import * as z from '../schema/zod';

/** An organization's Google grant. The refresh token is sealed (KMS / AES-GCM) before it gets here. */
export const workspaceConnectionItem = z.object({
  orgId: z.string(),
  status: z.enum(['connected', 'revoked']),
  /** The Google account's address: mail is sent from it. */
  account: z.string(),
  sealedRefreshToken: z.string(),
  scopes: z.readonly(z.array(z.string())),
  connectedAt: z.string(),
  connectedBy: z.string(),
  connectedByName: z.string(),
  revokedAt: z.nullable(z.string()),
});
export type WorkspaceConnectionItem = z.infer<typeof workspaceConnectionItem>;

/** Where an organization's consent keeps its single-use OAuth state, by the state's hash. */
export const consentStateKey = (orgId: string) => workspaceKeys.oauthState(orgId);

export const getConnection = async (orgId: string): Promise<WorkspaceConnectionItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: workspaceKeys.connection(orgId), ConsistentRead: true }),
  );
  return parseItem(workspaceConnectionItem, Item);
};

export const putConnection = async (connection: WorkspaceConnectionItem) => {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...workspaceKeys.connection(connection.orgId), ...connection },
    }),
  );
};

/** Marks the grant revoked; true only for the call that flipped it (so the owner hears once). */
export const markRevoked = (orgId: string, sealedRefreshToken: string, at: string): Promise<boolean> =>
  markGrantRevoked(workspaceKeys.connection(orgId), sealedRefreshToken, at);

export const deleteConnection = async (orgId: string) => {
  await dynamo.send(new DeleteCommand({ TableName: tableName, Key: workspaceKeys.connection(orgId) }));
};
