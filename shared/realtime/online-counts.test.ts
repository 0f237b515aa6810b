import { BatchGetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableName } from '../aws/dynamo';
import { heartbeatIntervalSeconds } from './contracts';
import { heartbeatBucket, onlineCounts } from './repository';

const db = mockClient(DynamoDBDocumentClient);
const topic = 'ORG#01J0RG00000000000000000001#ROOM#01JR00M0000000000000000001#';
const now = Date.parse('2026-12-04T10:00:05.000Z');
const bucket = heartbeatBucket(now);
const counted = (counts: Record<number, number>) =>
  db.on(BatchGetCommand).resolves({
    Responses: {
      [tableName]: Object.entries(counts).map(([at, count]) => ({
        pk: topic,
        sk: `ONLINE#${at}#`,
        count,
        ttl: Math.floor(now / 1000) + heartbeatIntervalSeconds * 4,
      })),
    },
  });

describe('onlineCounts', () => {
  beforeEach(() => db.reset());

  it('answers the last whole interval’s heartbeats', async () => {
    counted({ [bucket - 1]: 12, [bucket]: 3 });
    expect(await onlineCounts({ room: topic }, now)).toEqual({ room: 12 });
  });

  it('answers the current interval’s count where people just joined, not 0', async () => {
    counted({ [bucket]: 2 });
    expect(await onlineCounts({ room: topic }, now)).toEqual({ room: 2 });
  });

  it('answers 0 for a topic nobody beat in', async () => {
    counted({});
    expect(await onlineCounts({ room: topic }, now)).toEqual({ room: 0 });
  });
});
