import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { EmulatorResponse } from '../ses';
import { apiErrorResponse, faultErrors, oauthError, tokenFaults } from './http';
import {
  emptyState,
  type GoogleFault,
  type GoogleOperation,
  type LocalGoogleOptions,
  loadState,
  type State,
} from './state';

/**
 * What the stand-in's parts share: the state (kept in a file, or in memory), the clock, and the faults a
 * developer or test injected, with the delayed answers they hold.
 */
export class GoogleStore {
  state: State;
  faults: GoogleFault[] = [];
  /** Settles each delayed response early: `close()` and `reset()` must not wait for them. */
  private readonly pending = new Set<() => void>();
  readonly now: () => number;

  constructor(
    private readonly file?: string,
    options: LocalGoogleOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.state = file && existsSync(file) ? loadState(readFileSync(file, 'utf8')) : emptyState();
  }

  /** Applies the next fault queued for an operation: waits, then answers its error, if it has one. */
  async fault(operation: GoogleOperation): Promise<EmulatorResponse | undefined> {
    const index = this.faults.findIndex((f) => f.operation === operation);
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    if (fault.delayMs > 0) await this.wait(fault.delayMs);
    if (fault.status === undefined) return undefined;
    if (operation === 'token') {
      const [error, description] = tokenFaults[fault.status]!;
      return oauthError(fault.status, error, description);
    }
    return apiErrorResponse(faultErrors[fault.status]!());
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const settle = () => {
        clearTimeout(timer);
        this.pending.delete(settle);
        resolve();
      };
      const timer = setTimeout(settle, ms);
      timer.unref();
      this.pending.add(settle);
    });
  }

  save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify(this.state, null, 1));
  }

  settlePending(): void {
    for (const settle of [...this.pending]) settle();
  }

  /** Forgets everything: grants, tokens, events, messages, sheets and faults. */
  reset(): void {
    this.settlePending();
    this.faults = [];
    this.state = emptyState();
    this.save();
  }
}
