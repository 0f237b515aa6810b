import type { DetailType, EventDetail } from '../events/catalog';
import { publishQuietly } from '../events/publish';

/**
 * The one place the event platform announces its changes. Each write has committed before this runs;
 * when the transactional outbox lands, these become outbox items written with the change itself.
 */
export const announce = <T extends DetailType>(detailType: T, detail: EventDetail<T>) =>
  publishQuietly(detailType, detail);
