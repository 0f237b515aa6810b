import { isOperatorAdmin, type Principal } from '../auth/policy';
import { ForbiddenError, NotFoundError } from '../http/errors';
import type { ConnectionItem } from '../realtime';
import { type Context, readContext } from './repository';
import { mayMeet, type Participant } from './rules';

/** Who acts: a signed-in person over HTTP, or the person behind a WebSocket connection. */
export interface NetworkingCaller {
  readonly userId: string;
  readonly name: string;
  /** Their own organization (null for guests and operator admins). */
  readonly orgId: string | null;
  readonly admin: boolean;
}

export const callerOf = (principal: Principal): NetworkingCaller => ({
  userId: principal.userId,
  name: principal.name,
  orgId: principal.orgId,
  admin: isOperatorAdmin(principal),
});

export const connectionCaller = (connection: ConnectionItem): NetworkingCaller => ({
  userId: connection.userId,
  name: connection.name,
  orgId: connection.orgId,
  admin: false,
});

export type Participation = Context & { readonly viewer: Participant };

/**
 * The caller's part in a conference: networking is for people on its roster. A conference that does not
 * exist, or that the caller has nothing to do with, is not found; the organization's own people without
 * a role are told why they cannot take part.
 */
export const participation = async (
  caller: NetworkingCaller,
  orgId: string,
  conferenceId: string,
  otherId?: string,
): Promise<Participation> => {
  if (otherId === caller.userId) throw new NotFoundError('No such person');
  const context = await readContext(orgId, conferenceId, caller.userId, otherId);
  if (!context.conference) throw new NotFoundError('No such event');
  if (!context.viewer) {
    if (caller.orgId === orgId || caller.admin)
      throw new ForbiddenError('Networking is for the event’s organizers, speakers and attendees');
    throw new NotFoundError('No such event');
  }
  return context as Participation;
};

export const networkingOn = (context: Context) => context.conference?.features?.networking !== false;

/** The conference's networking is on and the organizers did not turn it off for the caller. */
export const assertActive = (context: Participation) => {
  if (!networkingOn(context)) throw new ForbiddenError('Networking is off for this event');
  if (context.viewer.networking === 'none')
    throw new ForbiddenError('The organizers turned networking off for you at this event');
};

/**
 * The other person as the caller may see them: on the roster, reachable under both people's networking
 * access, no block either way, and listed in the directory unless the two already share a link.
 */
export const visibleOther = (context: Participation) => {
  const pair = context.pair!;
  const other = pair.other;
  const findable = pair.otherProfile?.listed || pair.link !== undefined;
  if (!other || pair.blocked || pair.blockedBy || !mayMeet(context.viewer, other) || !findable)
    throw new NotFoundError('No such person');
  return { other, profile: pair.otherProfile!, link: pair.link, otherLink: pair.otherLink };
};
