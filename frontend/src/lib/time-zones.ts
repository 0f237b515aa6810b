import { timeZone } from '../../../shared/organizations/contracts';

/** IANA time zones the browser knows, filtered by the API's own rule, UTC first. */
export const timeZoneOptions = (): string[] => {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const valid = zones.filter((zone) => zone !== 'UTC' && timeZone.safeParse(zone).success);
  return ['UTC', ...valid];
};

/** This browser's own time zone when the API would accept it, otherwise UTC. */
export const browserTimeZone = (): string => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && timeZone.safeParse(zone).success ? zone : 'UTC';
};
