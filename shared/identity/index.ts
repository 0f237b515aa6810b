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
