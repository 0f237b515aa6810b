/** What other modules may use of identity: users and memberships as stored, guests, inviters' notices. */
export { invitationExpiredKind, notifyInviterOfExpiry, notifyInviterOfJoin } from './notifications';
export {
  findUserIdByEmail,
  getUser,
  getUserWithConferenceRole,
  listMemberships,
  type MembershipItem,
  type UserItem,
} from './repository';
export { findOrInviteGuest, registerGuest } from './service';
