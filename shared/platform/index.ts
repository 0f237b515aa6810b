/** What other modules may use of the platform: due items, the work the per-minute tick runs. */
export { type DueItem, dueItemPut, scheduleDue } from './due-repository';
