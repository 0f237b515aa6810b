export { jobEventIdFor } from './event-id';
export { getBooking, getConnection } from './repository';
