import {
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashOpaqueToken } from '../auth/tokens';
import { userKeys } from '../db/keys';
import { UnauthorizedError } from '../http/errors';
import { refresh } from './service';

// DynamoDB Local never reports transaction conflicts or throttling: those paths are proven here.
const db = mockClient(DynamoDBDocumentClient);

const presented = 'presented-refresh-token';
const tokenItem = {
  ...userKeys.refreshToken(hashOpaqueToken(presented)),
  userId: 'U1',
  familyId: 'F1',
  ttl: 4102444800,
};
const familyItem = {
  ...userKeys.family('U1', 'F1'),
  userId: 'U1',
  familyId: 'F1',
  revoked: false,
  tokenVersion: 3,
  ttl: 4102444800,
};
const userItem = {
  ...userKeys.user('U1'),
  id: 'U1',
  email: 'u@x.example',
  name: 'U',
  role: 'member',
  orgId: 'O1',
  status: 'active',
  tokenVersion: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  lastSignInAt: null,
  invitedBy: null,
};

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  process.env.JWT_PRIVATE_JWK = JSON.stringify(await exportJWK(privateKey));
});

beforeEach(() => {
  db.reset();
  db.on(GetCommand).resolves({ Item: tokenItem });
  db.on(BatchGetCommand).resolves({ Responses: { 'portico-test': [familyItem, userItem] } });
});

describe('refresh', () => {
  it('rotates the token and returns a new session', async () => {
    db.on(TransactWriteCommand).resolves({});

    const result = await refresh(presented);

    expect(result.session.user.id).toBe('U1');
    expect(result.cookie).toMatch(
      /^portico_refresh=[\w-]+; Max-Age=\d+; Path=\/api\/auth; HttpOnly; Secure; SameSite=Strict$/,
    );
    const rotation = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(rotation[0]!.Update!.ConditionExpression).toContain('attribute_not_exists(usedAt)');
  });

  it('revokes the family when another request used the token first (lost race)', async () => {
    db.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );
    db.on(UpdateCommand).resolves({});

    await expect(refresh(presented)).rejects.toThrow(UnauthorizedError);

    const revoke = db.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(revoke.Key).toEqual(userKeys.family('U1', 'F1'));
    expect(revoke.ExpressionAttributeValues).toMatchObject({ ':true': true });
  });

  it('revokes the family when a used token comes back (reuse)', async () => {
    db.on(GetCommand).resolves({ Item: { ...tokenItem, usedAt: '2026-01-01T00:00:00Z' } });
    db.on(UpdateCommand).resolves({});

    await expect(refresh(presented)).rejects.toThrow(UnauthorizedError);

    expect(db.commandCalls(UpdateCommand)).toHaveLength(1);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('ends the session when "sign out everywhere" moved the token version on', async () => {
    db.on(BatchGetCommand).resolves({
      Responses: { 'portico-test': [familyItem, { ...userItem, tokenVersion: 4 }] },
    });

    await expect(refresh(presented)).rejects.toThrow(UnauthorizedError);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('lets throttling surface as a server error instead of signing the user out', async () => {
    db.on(GetCommand).rejects(
      new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }),
    );

    await expect(refresh(presented)).rejects.toThrow(ProvisionedThroughputExceededException);
    expect(db.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
