import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AwsStub } from 'aws-sdk-client-mock';
import { outboxKeys } from '../db/keys';
import type { OutboxItem } from './outbox';

/**
 * For unit tests: the events a mocked DynamoDB client committed, that is the outbox items of every
 * `TransactWriteCommand` it did not refuse (a refused transaction announces nothing).
 */
export const writtenEvents = async (
  // biome-ignore lint/suspicious/noExplicitAny: any mocked DynamoDB client, whatever its command types.
  db: AwsStub<any, any, any>,
): Promise<{ detailType: string; detail: Record<string, unknown> }[]> => {
  const calls = db.commandCalls(TransactWriteCommand);
  const outcomes = await Promise.allSettled(calls.map((call) => call.returnValue));
  return calls
    .filter((_, index) => outcomes[index]!.status === 'fulfilled')
    .flatMap((call) => call.args[0].input.TransactItems ?? [])
    .flatMap((item) => {
      const put = item.Put?.Item as OutboxItem | undefined;
      return put?.pk.startsWith(outboxKeys.prefix) ? [put] : [];
    })
    .map((item) => ({ detailType: item.detailType, detail: JSON.parse(item.detail) }));
};
