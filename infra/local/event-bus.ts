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
  /** The SDK sends epoch seconds over its JSON protocol. */
  Time?: string | number;
}

/** Makes the bus refuse entries, as EventBridge now and then does (`InternalFailure`). */
export interface BusFault {
  /** Only entries of this detail type; any when undefined. */
  readonly detailType?: string;
  /** How many entries to refuse before the fault clears itself. */
  remaining: number;
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
  private readonly faults: BusFault[] = [];
  /** What feeds the bus from elsewhere (the table stream's relay): `settled` waits for it to drain. */
  private readonly upstreams: (() => Promise<number>)[] = [];

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

  /** Refuses the next matching entries; tests use it to prove that a refused `PutEvents` loses nothing. */
  addFault(fault: BusFault): void {
    this.faults.push({ ...fault });
  }

  listFaults(): readonly BusFault[] {
    return this.faults;
  }

  clearFaults(): void {
    this.faults.splice(0);
  }

  /** Registers a source of events whose drain resolves with how many records it passed on. */
  addUpstream(drain: () => Promise<number>): void {
    this.upstreams.push(drain);
  }

  /**
   * Resolves when every committed outbox item has been relayed and every delivery started so far, and
   * every one those caused in turn, has finished (tests use it to wait for consumers).
   */
  async settled(): Promise<void> {
    for (;;) {
      let relayed = 0;
      for (const drain of this.upstreams) relayed += await drain();
      const delivering = this.pending.size > 0;
      while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
      if (relayed === 0 && !delivering) return;
    }
  }

  private put(entry: PutEventsEntry): { EventId: string } | { ErrorCode: string; ErrorMessage: string } {
    if ((entry.EventBusName ?? 'default') !== this.busName)
      return {
        ErrorCode: 'ResourceNotFoundException',
        ErrorMessage: `Event bus ${entry.EventBusName} does not exist`,
      };
    const fault = this.faults.find(
      (candidate) => candidate.detailType === undefined || candidate.detailType === entry.DetailType,
    );
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return { ErrorCode: 'InternalFailure', ErrorMessage: 'Injected locally: the bus refused the entry' };
    }
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
      time: new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : (entry.Time ?? Date.now()))
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
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
