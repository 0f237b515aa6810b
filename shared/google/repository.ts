import { DeleteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { isExpired } from '../db/ttl';
import type { OutboxWrite } from '../events/outbox';
import * as z from '../schema/zod';

/**
 * The table items every Google connection shares, whatever keys its module gives them: consent states
 * (single use) and the `revoked` flip of a stored grant. The keys come from `db/keys.ts` through the
 * calling module.
 */

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** A consent in progress: who started it, for which organization, and the PKCE verifier (sealed). */
export const oauthStateItem = z.object({
  userId: z.string(),
  /** The organization the grant is for; null (or absent, in items written before) for the operator's. */
  orgId: z.optional(z.nullable(z.string())),
  sealedCodeVerifier: z.string(),
  redirectUri: z.string(),
  ttl: z.number(),
});
export type OAuthStateItem = z.infer<typeof oauthStateItem>;

export const putOAuthState = async (key: ItemKey, state: OAuthStateItem) => {
  await dynamo.send(new PutCommand({ TableName: tableName, Item: { ...key, ...state } }));
};

/** Single use: the state is deleted as it is read, so a replayed callback finds nothing. */
export const takeOAuthState = async (key: ItemKey): Promise<OAuthStateItem | undefined> => {
  try {
    const { Attributes } = await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_OLD',
      }),
    );
    const state = parseItem(oauthStateItem, Attributes);
    return state && !isExpired(state) ? state : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

/**
 * Marks a connected grant revoked, with the `events` announcing it; true only for the call that flipped
 * it (so one email goes out). The item must hold `status` and `sealedRefreshToken`.
 */
export const markGrantRevoked = async (
  key: ItemKey,
  sealedRefreshToken: string,
  at: string,
  events: readonly OutboxWrite[] = [],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: key,
              UpdateExpression: 'SET #status = :revoked, revokedAt = :at',
              // A newer grant stored meanwhile is not the one Google refused.
              ConditionExpression: '#status = :connected AND sealedRefreshToken = :token',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':revoked': 'revoked',
                ':connected': 'connected',
                ':at': at,
                ':token': sealedRefreshToken,
              },
            },
          },
          ...events,
        ],
      }),
    );
    return true;
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return false;
    throw error;
  }
};
