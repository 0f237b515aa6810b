/** What other modules may use of networking: who is listed in a conference's directory. */
export { listedAmong } from './repository';
