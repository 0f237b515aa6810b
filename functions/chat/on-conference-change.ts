import { closeSessionRoom, followConference, followSessionChange } from '../../shared/chat/followed-rooms';
import { eventConsumers } from '../../shared/events/consumer';

/**
 * An event's lobby and session rooms follow the event: made when it is created or its chat switched on,
 * one per session as sessions are added, renamed with them, closed when they are removed.
 */
export const handler = eventConsumers('chat-followed-rooms', {
  'conference.created': (detail) => followConference(detail.orgId, detail.conferenceId, detail.userId),
  'conference.updated': async (detail) => {
    if (detail.fields.includes('features'))
      await followConference(detail.orgId, detail.conferenceId, detail.userId);
  },
  'agenda-item.created': (detail) =>
    followSessionChange(detail.orgId, detail.conferenceId, detail.itemId, detail.userId),
  'agenda-item.updated': async (detail) => {
    if (detail.fields.includes('title'))
      await followSessionChange(detail.orgId, detail.conferenceId, detail.itemId, detail.userId);
  },
  'agenda-item.deleted': (detail) => closeSessionRoom(detail.orgId, detail.itemId),
});
