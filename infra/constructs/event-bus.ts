import { Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TopicName } from '../../functions/manifest';
import { eventSource } from '../../shared/events/catalog';
import { toEventBridgeCron } from './cron-expression';
import type { Functions } from './functions';

/** Props of {@link EventBus}. */
export interface EventBusProps {
  /**
   * Name of the custom bus domain events are published to.
   * @default 'portico'
   */
  readonly eventBusName?: string;
}

/** The custom EventBridge bus for Portico's domain events (`source: portico`). */
export class EventBus extends Construct {
  readonly bus: events.EventBus;

  constructor(scope: Construct, id: string, props: EventBusProps = {}) {
    super(scope, id);
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: props.eventBusName ?? 'portico' });
  }
}

/** A dead-letter queue and the manifest function whose failed events land in it. */
export interface DeadLetterQueue {
  readonly functionName: string;
  readonly queue: sqs.Queue;
}

/** Props of {@link EventRules}. */
export interface EventRulesProps {
  /** Bus the manifest's `consumes` rules listen on. */
  readonly eventBus: events.IEventBus;
  /** The table whose stream invokes the manifest's `tableStream` functions (the outbox relay). */
  readonly table: dynamodb.ITable;
  readonly functions: Functions;
  /**
   * The SNS topics a manifest function's `topics` subscribe it to.
   * @default - none; a function naming a topic then fails the synth
   */
  readonly topics?: Partial<Record<TopicName, sns.ITopic>>;
  /**
   * Attempts EventBridge and Lambda each make before an event goes to the dead-letter queue.
   * @default 2
   */
  readonly retryAttempts?: number;
  /**
   * Oldest event still delivered; older ones go to the dead-letter queue.
   * @default Duration.hours(2)
   */
  readonly maxEventAge?: Duration;
}

/**
 * Wires the manifest's asynchronous work: one rule per `consumes` entry on the bus, one scheduled rule
 * per `schedules` entry, one subscription per `topics` entry, and per consuming function one encrypted
 * dead-letter queue that receives both the events EventBridge (or SNS) could not deliver and the
 * invocations that failed in the function.
 */
export class EventRules extends Construct {
  readonly deadLetterQueues: readonly DeadLetterQueue[];

  constructor(scope: Construct, id: string, props: EventRulesProps) {
    super(scope, id);
    const retryAttempts = props.retryAttempts ?? 2;
    const maxEventAge = props.maxEventAge ?? Duration.hours(2);
    const deadLetterQueues: DeadLetterQueue[] = [];

    for (const { definition, handler } of props.functions.all) {
      const consumes = definition.consumes ?? [];
      const schedules = definition.schedules ?? [];
      const topics = definition.topics ?? [];
      const { tableStream } = definition;
      if (consumes.length === 0 && schedules.length === 0 && topics.length === 0 && !tableStream) continue;

      const queue = new sqs.Queue(this, `${definition.name}-dlq`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      // A dead-letter queue of a dead-letter queue would only move the same alarm one step further.
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter queue of an EventBridge target, a Lambda async invoke ' +
          'or a stream event source.',
      });
      deadLetterQueues.push({ functionName: definition.name, queue });

      if (tableStream) handler.addEventSource(outboxStreamSource(props.table, tableStream.keyPrefix, queue));
      if (consumes.length === 0 && schedules.length === 0 && topics.length === 0) continue;
      // EventBridge invokes asynchronously: failures inside the function are retried by Lambda and then
      // sent to the same queue as the events EventBridge could not deliver at all.
      handler.configureAsyncInvoke({
        onFailure: new destinations.SqsDestination(queue),
        retryAttempts,
        maxEventAge,
      });
      const target = new targets.LambdaFunction(handler, {
        deadLetterQueue: queue,
        retryAttempts,
        maxEventAge,
      });

      for (const { rule, detailTypes } of consumes) {
        new events.Rule(this, `${definition.name}-${rule}`, {
          eventBus: props.eventBus,
          description: `${definition.name}: ${detailTypes.join(', ')}`,
          eventPattern: { source: [eventSource], detailType: [...detailTypes] },
          targets: [target],
        });
      }
      for (const name of topics) {
        const topic = props.topics?.[name];
        if (!topic)
          throw new Error(`${definition.name} subscribes to the topic ${name}, which the stack lacks`);
        // SNS invokes asynchronously too: what it cannot deliver goes to the same queue.
        topic.addSubscription(new subscriptions.LambdaSubscription(handler, { deadLetterQueue: queue }));
      }
      for (const { name, cron } of schedules) {
        // Scheduled rules exist only on the default bus.
        new events.Rule(this, `${definition.name}-${name}`, {
          description: `${definition.name}: ${name} (${cron} UTC)`,
          schedule: events.Schedule.expression(toEventBridgeCron(cron)),
          targets: [target],
        });
      }
    }
    this.deadLetterQueues = deadLetterQueues;
  }
}

/**
 * The outbox relay's source: the table's stream, filtered to inserted items under `keyPrefix`, so the
 * relay is invoked for nothing else (updates, deletions, TTL expiry). A relay Lambda rather than
 * EventBridge Pipes: the outbox detail is JSON text that a Pipes input template cannot turn back into an
 * object, and the same relay code runs in the local cloud, which has no Pipes. A refused record is
 * reported alone (`reportBatchItemFailures`), a throwing batch is split (`bisectBatchOnError`), and
 * after the retries the batch's position goes to the dead-letter queue (the records stay in the stream
 * for 24 hours to be replayed from there).
 */
const outboxStreamSource = (table: dynamodb.ITable, keyPrefix: string, queue: sqs.IQueue) =>
  new sources.DynamoEventSource(table, {
    startingPosition: lambda.StartingPosition.TRIM_HORIZON,
    batchSize: 100,
    maxBatchingWindow: Duration.seconds(0),
    parallelizationFactor: 4,
    reportBatchItemFailures: true,
    bisectBatchOnError: true,
    retryAttempts: 20,
    maxRecordAge: Duration.hours(24),
    onFailure: new sources.SqsDlq(queue),
    filters: [
      lambda.FilterCriteria.filter({
        eventName: lambda.FilterRule.isEqual('INSERT'),
        dynamodb: { Keys: { pk: { S: lambda.FilterRule.beginsWith(keyPrefix) } } },
      }),
    ],
  });
