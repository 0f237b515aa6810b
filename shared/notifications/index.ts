/** What other modules may use of notifications: whether an address may be mailed. */
export { mailability } from './repository';
