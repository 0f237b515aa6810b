import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { chatStatsKeys } from '../db/keys';
import { recordConnectionAccepted } from './stats';
import { readCounters } from './stats-repository';

const db = mockClient(DynamoDBDocumentClient);
const orgId = '01J0RG00000000000000000000';
const conferenceId = '01JC0NF0000000000000000000';
const roomId = '01JR00M0000000000000000000';
const userId = '01J0SER0000000000000000000';

beforeEach(() => db.reset());

describe('networking counters', () => {
  it('reads rooms, days, people and connections from one query of the C# items, in any order', async () => {
    db.on(QueryCommand).resolves({
      Items: [
        { ...chatStatsKeys.connections(orgId, conferenceId), count: 4 },
        { ...chatStatsKeys.day(orgId, conferenceId, '2027-06-01'), count: 7 },
        { ...chatStatsKeys.person(orgId, conferenceId, userId), count: 5, name: 'Sam' },
        { ...chatStatsKeys.room(orgId, conferenceId, roomId), count: 7, name: 'Main hall' },
      ],
    });
    expect(await readCounters(orgId, conferenceId)).toEqual({
      connections: 4,
      days: [{ date: '2027-06-01', messages: 7 }],
      people: [{ userId, name: 'Sam', messages: 5 }],
      rooms: [{ roomId, name: 'Main hall', messages: 7 }],
    });
    expect(db.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':prefix': 'C#',
    });
  });

  it('counts an accepted connection with one atomic ADD on the conference', async () => {
    db.on(UpdateCommand).resolves({});
    await recordConnectionAccepted(orgId, conferenceId);
    const update = db.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.Key).toEqual(chatStatsKeys.connections(orgId, conferenceId));
    expect(update.UpdateExpression).toBe('ADD #count :one');
  });
});
