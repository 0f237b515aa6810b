import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionDefinition } from '../../functions/manifest';
import { LocalEventBus } from '../../infra/local/event-bus';
import { invoke } from '../../infra/local/lambda';
import { stack } from '../../test/integ/api';
import type { CrashProbe } from '../../test/integ/fixtures/crash-once-consumer';

const crashOnce: FunctionDefinition = {
  name: 'crash-once',
  entry: 'test/integ/fixtures/crash-once-consumer.ts',
  description: 'Test consumer: times out once after claiming, then acts',
  consumes: [{ rule: 'crash-once', detailTypes: ['lead.created'] }],
  permissions: { table: 'readWrite' },
  timeoutSeconds: 1,
};

const probe = () => (globalThis as { crashProbe?: CrashProbe }).crashProbe!;

const put = (bus: LocalEventBus, detail: Record<string, unknown>) =>
  bus.handle(
    'AWSEvents.PutEvents',
    JSON.stringify({
      Entries: [
        {
          EventBusName: 'portico',
          Source: 'portico',
          DetailType: 'lead.created',
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );

describe('a consumer that times out after claiming an event', () => {
  beforeAll(() => {
    // The consumer runs in this process against the run's DynamoDB Local, as the local cloud runs it.
    Object.assign(process.env, {
      TABLE_NAME: 'portico',
      EVENT_BUS_NAME: 'portico',
      DYNAMODB_ENDPOINT: stack().endpoints.dynamodb,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
  });
  afterAll(() => probe()?.release?.());

  it('is retried once its claim expires, acts once, and a later redelivery does nothing', async () => {
    // Prepare
    const errors: string[] = [];
    const bus = new LocalEventBus([crashOnce], 'portico', invoke, (message) => errors.push(message));
    const detail = {
      version: 1,
      orgId: ulid(),
      leadId: ulid(),
      source: 'manual',
      userId: null,
      eventId: ulid(),
    };

    // Act: the first invocation hangs past its 1 s timeout; the bus retries like EventBridge.
    const answer = JSON.parse(put(bus, detail).body) as { Entries: { EventId: string }[] };
    await bus.settled();

    // Assess
    expect(probe()).toMatchObject({ started: 2, acted: 1 });
    expect(bus.deadLetters).toEqual([]);
    expect(errors).toEqual([]);

    // Act: EventBridge delivers the same event again, and the stream relays the outbox item a second time.
    bus.redeliver(answer.Entries[0]!.EventId);
    put(bus, detail);
    await bus.settled();
    probe().release?.();

    // Assess: the completed record stands; nothing ran again.
    expect(probe()).toMatchObject({ started: 2, acted: 1 });
  });
});
