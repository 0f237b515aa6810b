/** What other modules may use of chat: the networking analytics' count of accepted connections. */
export { recordConnectionAccepted, withdrawConnectionAccepted } from './stats';
