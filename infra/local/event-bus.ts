import { randomUUID } from 'node:crypto';
import type { FunctionDefinition } from '../../functions/manifest';
import { eventSource } from '../../shared/events/catalog';
import { matchesPattern } from './event-pattern';
import type { EmulatorResponse } from './ses';

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string;
}

export interface DeadLetter {
  readonly rule: string;
  readonly event: unknown;
  readonly error: string;
  readonly at: string;
}

type Invoke = (fn: FunctionDefinition, event: unknown) => Promise<unknown>;

/** How many published events the bus remembers for `/_local/events.json`, newest kept. */
const keptEvents = 2000;

/** Retries like EventBridge does for Lambda targets (scaled down), then parks the event as a dead letter. */
const retryDelaysMs = [200, 1000];

/** The local EventBridge bus: `PutEvents` over the SDK's JSON protocol, rules from the manifest. */
export class LocalEventBus {
  readonly deadLetters: DeadLetter[] = [];
  /** Every event put on the bus (the last few thousand), matched by a rule or not: for developers and tests. */
  readonly published: unknown[] = [];
  private readonly rules: { rule: string; fn: FunctionDefinition; pattern: Record<string, unknown> }[];
  private pending = new Set<Promise<void>>();

  constructor(
    functions: readonly FunctionDefinition[],
    private readonly busName: string,
    private readonly invoke: Invoke,
    private readonly onError: (message: string) => void,
  ) {
    this.rules = functions.flatMap((fn) =>
      (fn.consumes ?? []).map((consume) => ({
        rule: consume.rule,
        fn,
        pattern: { source: [eventSource], 'detail-type': [...consume.detailTypes] },
      })),
    );
  }

  handle(target: string, body: string): EmulatorResponse {
    if (target !== 'AWSEvents.PutEvents')
      return this.error(400, 'UnknownOperationException', `The local bus supports PutEvents, not ${target}`);
    let entries: PutEventsEntry[];
    try {
      entries = (JSON.parse(body) as { Entries?: PutEventsEntry[] }).Entries ?? [];
    } catch {
      return this.error(400, 'SerializationException', 'Body is not JSON');
    }
    const results = entries.map((entry) => this.put(entry));
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({
        Entries: results,
        FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      }),
    };
  }

  /**
   * Delivers a published event again, with the same id, to every rule it matches: what EventBridge does
   * now and then on its own (at-least-once delivery). Returns false for an unknown id.
   */
  redeliver(eventId: string): boolean {
    const event = this.published.find((candidate) => (candidate as { id?: string }).id === eventId);
    if (!event) return false;
    this.dispatch(event);
    return true;
  }

  /** Removes an event's dead letters once someone has dealt with it; false when it has none. */
  dismissDeadLetters(eventId: string): boolean {
    const before = this.deadLetters.length;
    const kept = this.deadLetters.filter((letter) => (letter.event as { id?: string }).id !== eventId);
    this.deadLetters.splice(0, this.deadLetters.length, ...kept);
    return kept.length < before;
  }

  /** Resolves when every delivery started so far has finished (tests use it to wait for consumers). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private put(entry: PutEventsEntry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    if ((entry.EventBusName ?? 'default') !== this.busName)
      return {
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Event bus ${entry.EventBusName} does not exist`,
      };
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail ?? '{}');
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
    }
    const event = {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType ?? '',
      source: entry.Source ?? '',
      account: '000000000000',
      time: entry.Time ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: 'us-east-1',
      resources: entry.Resources ?? [],
      detail,
    };
    this.published.push(event);
    if (this.published.length > keptEvents) this.published.splice(0, this.published.length - keptEvents);
    this.dispatch(event);
    return { EventId: event.id };
  }

  private dispatch(event: unknown): void {
    for (const { rule, fn, pattern } of this.rules) {
      if (!matchesPattern(pattern, event as Record<string, unknown>)) continue;
      const delivery = this.deliver(rule, fn, event).finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  private async deliver(rule: string, fn: FunctionDefinition, event: unknown): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.invoke(fn, event);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        if (delay === undefined) {
          this.deadLetters.push({
            rule,
            event,
            error: (error as Error).message,
            at: new Date().toISOString(),
          });
          this.onError(
            `Rule ${rule} → ${fn.name} failed ${attempt + 1} times; event parked as a dead letter`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private error(status: number, type: string, message: string): EmulatorResponse {
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: type, message }),
    };
  }
}
