import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { queryFilteredList } from './queries';

const db = mockClient(DynamoDBDocumentClient);
const user = (n: number) => ({ gsi1pk: 'USERS#', gsi1sk: `USER#${n}#`, pk: `USER#${n}#`, sk: 'USER#', n });

describe('queryFilteredList', () => {
  beforeEach(() => db.reset());

  it('reads on when the first query holds no match, so a search does not answer an empty page', async () => {
    db.on(QueryCommand)
      .resolvesOnce({
        Items: [],
        LastEvaluatedKey: { gsi1pk: 'USERS#', gsi1sk: 'USER#500#', pk: 'x', sk: 'y' },
      })
      .resolvesOnce({ Items: [user(731)] });

    const page = await queryFilteredList({ partition: 'USERS#', search: 'rosa', equals: {}, limit: 25 });

    expect(page.items).toEqual([user(731)]);
    expect(page.nextCursor).toBeNull();
    expect(db.commandCalls(QueryCommand)).toHaveLength(2);
    expect(db.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toMatchObject({
      gsi1sk: 'USER#500#',
    });
  });

  it('stops after two queries and hands on a cursor where the reading stopped', async () => {
    const more = { gsi1pk: 'USERS#', gsi1sk: 'USER#1000#', pk: 'x', sk: 'y' };
    db.on(QueryCommand)
      .resolvesOnce({ Items: [], LastEvaluatedKey: { ...more, gsi1sk: 'USER#500#' } })
      .resolvesOnce({ Items: [], LastEvaluatedKey: more });

    const page = await queryFilteredList({ partition: 'USERS#', search: 'nobody', equals: {}, limit: 25 });

    expect(page.items).toEqual([]);
    expect(page.nextCursor).not.toBeNull();
    expect(db.commandCalls(QueryCommand)).toHaveLength(2);
  });

  it('reads one page of exactly the limit when nothing filters', async () => {
    db.on(QueryCommand).resolves({ Items: [user(1), user(2)], LastEvaluatedKey: user(2) });

    const page = await queryFilteredList({ partition: 'USERS#', equals: { role: undefined }, limit: 2 });

    expect(page.items).toHaveLength(2);
    expect(db.commandCalls(QueryCommand)).toHaveLength(1);
    expect(db.commandCalls(QueryCommand)[0]!.args[0].input.Limit).toBe(2);
  });
});
