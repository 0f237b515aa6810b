export { mailability } from './repository';
