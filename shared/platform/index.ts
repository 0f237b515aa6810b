export { type DueItem, dueItemPut, scheduleDue } from './due-repository';
