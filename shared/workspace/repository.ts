import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { fromItem } from '../db/item';
import { workspaceKeys } from '../db/keys';
import { markGrantRevoked } from '../google/repository';

/** An organization's Google grant. The refresh token is sealed (KMS / AES-GCM) before it gets here. */
export interface WorkspaceConnectionItem {
  readonly orgId: string;
  readonly status: 'connected' | 'revoked';
  /** The Google account's address: mail is sent from it. */
  readonly account: string;
  readonly sealedRefreshToken: string;
  readonly scopes: readonly string[];
  readonly connectedAt: string;
  readonly connectedBy: string;
  readonly connectedByName: string;
  readonly revokedAt: string | null;
}

/** Where an organization's consent keeps its single-use OAuth state, by the state's hash. */
export const consentStateKey = (orgId: string) => workspaceKeys.oauthState(orgId);

export const getConnection = async (orgId: string): Promise<WorkspaceConnectionItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: workspaceKeys.connection(orgId), ConsistentRead: true }),
  );
  return fromItem<WorkspaceConnectionItem>(Item);
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
