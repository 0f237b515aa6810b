import { onDigestDue } from '../../shared/automations/digest';
import { eventConsumer } from '../../shared/events/consumer';

/** One organization's daily digest, one invocation per organization (the hourly fan-out's events). */
export const handler = eventConsumer('daily-digest', 'digest.due', onDigestDue);
