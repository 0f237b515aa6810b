import { tickKickoffTask } from '../../shared/engagements/service';
import { eventConsumer } from '../../shared/events/consumer';

/** Booking the kickoff call ticks the engagement's kickoff task. */
export const handler = eventConsumer('engagements-kickoff', 'booking.created', async (detail) => {
  if (detail.kickoff && detail.engagementId)
    await tickKickoffTask(detail.orgId, detail.engagementId, detail.userId);
});
