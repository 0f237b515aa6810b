/** What other modules may use of booking: its bookings and connection as stored, and Google event ids. */
export { jobEventIdFor } from './event-id';
export { getBooking, getConnection } from './repository';
