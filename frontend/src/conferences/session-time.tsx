import { formatTimeInZone, sameClock } from '../lib/zoned-time';

/** A session's times on the reader's clock, with the event's own beside them when the clocks differ. */
export const SessionTime = ({
  item,
  zone,
  eventZone,
}: {
  readonly item: { readonly start: string; readonly startUtc: string; readonly endUtc: string };
  readonly zone: string;
  readonly eventZone: string;
}) => (
  <>
    <time dateTime={item.startUtc}>
      {formatTimeInZone(item.startUtc, zone)}–{formatTimeInZone(item.endUtc, zone)}
    </time>
    {sameClock(zone, eventZone, item.startUtc) ? null : (
      <span className="agenda-item__event-time"> ({item.start.slice(11)} event time)</span>
    )}
  </>
);
