import type { DetailType, EventDetail } from '../events/catalog';
import { outboxPut, putOutbox } from '../events/outbox';

/**
 * The one place the event platform announces its changes: an outbox item written right after the
 * change commits, relayed to the bus like every other. Moving each into its change's own transaction
 * (as the older modules do) closes the last gap, a crash between the two writes.
 */
export const announce = <T extends DetailType>(detailType: T, detail: EventDetail<T>) =>
  putOutbox([outboxPut(detailType, detail)]);
