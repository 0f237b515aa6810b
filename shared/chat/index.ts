export { recordConnectionAccepted, withdrawConnectionAccepted } from './stats';
