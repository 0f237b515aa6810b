import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { FunctionDefinition } from '../../functions/manifest';
import { localClientOptions } from './dynamodb';
import type { DeadLetter } from './event-bus';

type Invoke = (fn: FunctionDefinition, event: unknown) => Promise<unknown>;

/** Quick, because integration tests wait on what consumers do with relayed events. */
const pollIntervalMs = 50;
/** DescribeStream now and then finds shards DynamoDB Local opened since (it rolls them over). */
const shardRefreshMs = 1000;
const batchSize = 100;
/** Retries of a failing batch, like Lambda's stream event source (scaled down), then a dead letter. */
const retryDelaysMs = [100, 300, 1000, 2000];

interface Shard {
  iterator: string | undefined;
  lastSequence?: string;
  /** Read but not yet handed over successfully. */
  buffer: StreamRecord[];
  attempt: number;
  notBefore: number;
}

interface Round {
  readonly read: number;
  readonly handed: number;
  readonly waiting: boolean;
}

/** The record as Lambda hands it to a function: `ApproximateCreationDateTime` in epoch seconds. */
const toLambdaRecord = (record: StreamRecord, streamArn: string): DynamoDBRecord =>
  ({
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...record.dynamodb,
      ApproximateCreationDateTime: record.dynamodb?.ApproximateCreationDateTime
        ? Math.floor(record.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
        : undefined,
    },
  }) as DynamoDBRecord;

/**
 * One manifest function's subscription to the table's stream, as Lambda's event source mapping runs
 * it: poll each shard, keep the records the filter admits (inserts under the function's key prefix),
 * invoke with a batch, retry from the first record the function reports failed (`batchItemFailures`),
 * retry a throwing or timed-out batch with backoff and, after the last retry, park it as a dead letter.
 */
class StreamSubscription {
  private readonly shards = new Map<string, Shard>();
  private shardsCheckedAt = 0;

  constructor(
    private readonly fn: FunctionDefinition,
    private readonly keyPrefix: string,
    private readonly streamArn: string,
    private readonly streams: DynamoDBStreamsClient,
    private readonly invoke: Invoke,
    private readonly deadLetters: DeadLetter[],
    private readonly onError: (message: string) => void,
  ) {}

  /** Starts at the stream's end: what was written before the cloud started was relayed then. */
  async start(): Promise<void> {
    await this.refreshShards('LATEST');
  }

  async round(): Promise<Round> {
    if (Date.now() - this.shardsCheckedAt > shardRefreshMs) await this.refreshShards('TRIM_HORIZON');
    let read = 0;
    let handed = 0;
    for (const [shardId, shard] of this.shards) {
      if (shard.buffer.length === 0 && shard.iterator) read += await this.read(shardId, shard);
      if (shard.buffer.length > 0 && Date.now() >= shard.notBefore) handed += await this.hand(shard);
      if (!shard.iterator && shard.buffer.length === 0) this.shards.delete(shardId);
    }
    const waiting = [...this.shards.values()].some((shard) => shard.buffer.length > 0);
    return { read, handed, waiting };
  }

  /** Shards not seen before start at `position`; closed ones go once their records are handed over. */
  private async refreshShards(position: 'LATEST' | 'TRIM_HORIZON'): Promise<void> {
    this.shardsCheckedAt = Date.now();
    let exclusiveStart: string | undefined;
    do {
      const { StreamDescription } = await this.streams.send(
        new DescribeStreamCommand({ StreamArn: this.streamArn, ExclusiveStartShardId: exclusiveStart }),
      );
      for (const { ShardId, SequenceNumberRange } of StreamDescription?.Shards ?? []) {
        if (!ShardId || this.shards.has(ShardId)) continue;
        // At start a closed shard holds only history; later a new closed one may hold unread records.
        if (position === 'LATEST' && SequenceNumberRange?.EndingSequenceNumber) continue;
        const { ShardIterator } = await this.streams.send(
          new GetShardIteratorCommand({ StreamArn: this.streamArn, ShardId, ShardIteratorType: position }),
        );
        this.shards.set(ShardId, { iterator: ShardIterator, buffer: [], attempt: 0, notBefore: 0 });
      }
      exclusiveStart = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStart);
  }

  private async read(shardId: string, shard: Shard): Promise<number> {
    try {
      const { Records = [], NextShardIterator } = await this.streams.send(
        new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: batchSize }),
      );
      shard.iterator = NextShardIterator;
      shard.lastSequence = Records.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastSequence;
      shard.buffer.push(...Records.filter((record) => this.admits(record)));
      return Records.length;
    } catch (error) {
      if ((error as Error).name !== 'ExpiredIteratorException') throw error;
      const { ShardIterator } = await this.streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.streamArn,
          ShardId: shardId,
          ...(shard.lastSequence
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: shard.lastSequence }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      shard.iterator = ShardIterator;
      return 0;
    }
  }

  /** The event source mapping's filter: inserted items under the key prefix. */
  private admits(record: StreamRecord): boolean {
    return record.eventName === 'INSERT' && Boolean(record.dynamodb?.Keys?.pk?.S?.startsWith(this.keyPrefix));
  }

  private async hand(shard: Shard): Promise<number> {
    const batch = shard.buffer.slice(0, batchSize);
    let failedFrom = batch.length;
    try {
      const result = (await this.invoke(this.fn, {
        Records: batch.map((record) => toLambdaRecord(record, this.streamArn)),
      })) as DynamoDBBatchResponse | undefined;
      const failed = new Set(result?.batchItemFailures?.map((failure) => failure.itemIdentifier));
      const first = batch.findIndex((record) => failed.has(record.dynamodb?.SequenceNumber ?? ''));
      if (first >= 0) failedFrom = first;
    } catch (error) {
      failedFrom = 0;
      if (retryDelaysMs[shard.attempt] === undefined) return this.park(shard, batch, error as Error);
    }
    shard.buffer.splice(0, failedFrom);
    if (failedFrom < batch.length) {
      const delay = retryDelaysMs[shard.attempt];
      if (delay === undefined) return failedFrom + this.park(shard, batch.slice(failedFrom), undefined);
      shard.attempt += 1;
      shard.notBefore = Date.now() + delay;
    } else {
      shard.attempt = 0;
      shard.notBefore = 0;
    }
    return failedFrom;
  }

  private park(shard: Shard, records: StreamRecord[], error: Error | undefined): number {
    shard.buffer.splice(0, records.length);
    shard.attempt = 0;
    shard.notBefore = 0;
    for (const record of records)
      this.deadLetters.push({
        rule: `${this.fn.name}-table-stream`,
        event: toLambdaRecord(record, this.streamArn),
        error: error?.message ?? 'Reported failed on every retry',
        at: new Date().toISOString(),
      });
    this.onError(`Table stream → ${this.fn.name}: ${records.length} record(s) parked as dead letters`);
    return 0;
  }
}

/**
 * The table's stream locally: DynamoDB Local's stream, polled every 50 ms for each manifest function
 * with a `tableStream`, so the outbox relay runs exactly as in AWS (write → stream → relay → bus).
 */
export class LocalTableStream {
  private subscriptions: StreamSubscription[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly streams: DynamoDBStreamsClient;

  constructor(
    private readonly functions: readonly FunctionDefinition[],
    private readonly endpoint: string,
    private readonly tableName: string,
    private readonly invoke: Invoke,
    private readonly deadLetters: DeadLetter[],
    private readonly onError: (message: string) => void,
  ) {
    this.streams = new DynamoDBStreamsClient(localClientOptions(endpoint));
  }

  async start(): Promise<void> {
    const dynamo = new DynamoDBClient(localClientOptions(this.endpoint));
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: this.tableName }));
    dynamo.destroy();
    const streamArn = Table?.LatestStreamArn;
    if (!streamArn) throw new Error(`The table ${this.tableName} has no stream`);
    this.subscriptions = this.functions.flatMap((fn) =>
      fn.tableStream
        ? [
            new StreamSubscription(
              fn,
              fn.tableStream.keyPrefix,
              streamArn,
              this.streams,
              this.invoke,
              this.deadLetters,
              this.onError,
            ),
          ]
        : [],
    );
    for (const subscription of this.subscriptions) await subscription.start();
    this.schedule();
  }

  /**
   * Polls until every record written so far has been handed over (or parked) and resolves with how many
   * were; the bus's `settled` calls it, so tests wait for relayed events like for any other.
   */
  async drain(): Promise<number> {
    let handed = 0;
    for (;;) {
      const round = await this.round();
      handed += round.handed;
      if (round.read === 0 && !round.waiting) return handed;
      if (round.waiting) await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.streams.destroy();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      try {
        await this.round();
      } catch (error) {
        if (!this.stopped) this.onError(`Table stream poll failed: ${(error as Error).message}`);
      }
      this.schedule();
    }, pollIntervalMs);
  }

  /** One poll of every subscription; rounds never overlap, so a record is handed over once. */
  private round(): Promise<Round> {
    const next = this.chain.then(async () => {
      let read = 0;
      let handed = 0;
      let waiting = false;
      for (const subscription of this.subscriptions) {
        const round = await subscription.round();
        read += round.read;
        handed += round.handed;
        waiting ||= round.waiting;
      }
      return { read, handed, waiting };
    });
    this.chain = next.catch(() => undefined);
    return next;
  }
}
