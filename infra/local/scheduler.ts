import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import type { FunctionDefinition } from '../../functions/manifest';

type Invoke = (fn: FunctionDefinition, event: unknown) => Promise<unknown>;

export const scheduledEvent = (name: string, time: Date) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '000000000000',
  time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  region: 'us-east-1',
  resources: [`arn:aws:events:us-east-1:000000000000:rule/portico-${name}`],
  detail: {},
});

/** The manifest's schedules as croner jobs in UTC; each run invokes the function like EventBridge would. */
export class LocalScheduler {
  private readonly jobs: Cron[] = [];

  constructor(
    private readonly functions: readonly FunctionDefinition[],
    private readonly invoke: Invoke,
    private readonly onError: (message: string) => void,
  ) {}

  start(): void {
    for (const fn of this.functions) {
      for (const schedule of fn.schedules ?? []) {
        this.jobs.push(
          new Cron(schedule.cron, { timezone: 'UTC', protect: true }, async () => {
            await this.run(fn.name, schedule.name, new Date()).catch((error: Error) =>
              this.onError(`Schedule ${fn.name}/${schedule.name} failed: ${error.message}`),
            );
          }),
        );
      }
    }
  }

  /** Runs one schedule now, as if it fired at `time`; tests use this to control the clock. */
  async run(functionName: string, scheduleName: string, time: Date): Promise<unknown> {
    const fn = this.functions.find((candidate) => candidate.name === functionName);
    if (!fn?.schedules?.some((s) => s.name === scheduleName))
      throw new Error(`No schedule ${functionName}/${scheduleName}`);
    return this.invoke(fn, scheduledEvent(`${functionName}-${scheduleName}`, time));
  }

  stop(): void {
    for (const job of this.jobs) job.stop();
  }
}
