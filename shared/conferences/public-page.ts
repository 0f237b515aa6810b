import { NotFoundError } from '../http/errors';
import { toItemView } from './agenda';
import * as repo from './repository';
import { speakerViewFor } from './speakers';
import { sponsorShowcase } from './sponsors';

/**
 * A conference's page for people who are not signed in: public and unlisted conferences only (an unlisted
 * one is found by its link alone: nothing lists it), with public speaker fields and no versions or notes.
 */
export const getPublicConference = async (orgId: string, conferenceId: string) => {
  const [agenda, sponsorTiers] = await Promise.all([
    repo.readAgenda(orgId, conferenceId),
    sponsorShowcase(orgId, conferenceId),
  ]);
  const conference = agenda.conference;
  if (!conference || conference.privacy === 'invitation-only') throw new NotFoundError();
  const { createdBy: _c, version: _v, registrationFields: _r, ...publicConference } = conference;
  return {
    conference: publicConference,
    items: agenda.items.map((item) => {
      const {
        version: _version,
        notes: _notes,
        ...view
      } = toItemView(item, agenda.states[item.id] ?? 'scheduled');
      return view;
    }),
    speakers: agenda.speakers.map((speaker) => speakerViewFor(speaker, false)),
    sponsorTiers,
  };
};
