export { listedAmong } from './repository';
