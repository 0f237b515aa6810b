export class CronConversionError extends Error {
  constructor(cron: string, reason: string) {
    super(`Cannot convert cron "${cron}" to EventBridge: ${reason}`);
    this.name = 'CronConversionError';
  }
}

interface FieldSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const minute: FieldSpec = { label: 'minute', min: 0, max: 59 };
const hour: FieldSpec = { label: 'hour', min: 0, max: 23 };
const dayOfMonth: FieldSpec = { label: 'day of month', min: 1, max: 31 };
const month: FieldSpec = {
  label: 'month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
// Standard cron counts Sunday as 0 and also accepts 7 for it.
const dayOfWeek: FieldSpec = {
  label: 'day of week',
  min: 0,
  max: 7,
  names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'],
};

const itemPattern = /^(\*|[0-9A-Z]+(?:-[0-9A-Z]+)?)(?:\/(\d+))?$/;

interface Item {
  readonly from: number;
  readonly to: number;
  readonly wildcard: boolean;
  readonly step?: number;
}

const parseValue = (cron: string, spec: FieldSpec, text: string): number => {
  const named = spec.names?.indexOf(text) ?? -1;
  // Month names are 1-based (JAN = 1), weekday names 0-based (SUN = 0), like their numbers.
  if (named >= 0) return spec === month ? named + 1 : named;
  if (!/^\d+$/.test(text)) throw new CronConversionError(cron, `"${text}" is not a valid ${spec.label}`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new CronConversionError(cron, `${spec.label} ${value} is outside ${spec.min}-${spec.max}`);
  }
  return value;
};

const parseField = (cron: string, spec: FieldSpec, field: string): Item[] =>
  field.split(',').map((part) => {
    const match = itemPattern.exec(part);
    if (!match) throw new CronConversionError(cron, `unsupported ${spec.label} "${part}"`);
    const [, range, stepText] = match as unknown as [string, string, string | undefined];
    const step = stepText === undefined ? undefined : Number(stepText);
    if (step !== undefined && step < 1) throw new CronConversionError(cron, `step must be at least 1`);
    if (range === '*') return { from: spec.min, to: spec.max, wildcard: true, step };
    const [fromText, toText] = range.split('-') as [string, string | undefined];
    const from = parseValue(cron, spec, fromText);
    const to = toText === undefined ? (step === undefined ? from : spec.max) : parseValue(cron, spec, toText);
    if (from > to) throw new CronConversionError(cron, `${spec.label} range ${range} runs backwards`);
    return { from, to, wildcard: false, step };
  });

const expand = (item: Item): number[] => {
  const values: number[] = [];
  for (let value = item.from; value <= item.to; value += item.step ?? 1) values.push(value);
  return values;
};

// Minutes, hours, days of month and months mean the same in both dialects; only steps need care,
// because EventBridge documents `start/step` but neither a wildcard nor a bounded range with a step.
const convertField = (cron: string, spec: FieldSpec, field: string): string => {
  if (field === '*') return '*';
  return parseField(cron, spec, field)
    .map((item) => {
      if (item.step === undefined) return item.from === item.to ? `${item.from}` : `${item.from}-${item.to}`;
      if (item.to === spec.max) return `${item.from}/${item.step}`;
      return expand(item).join(',');
    })
    .join(',');
};

/** EventBridge numbers weekdays 1 (Sunday) to 7 (Saturday) and has no step syntax for them. */
const convertDayOfWeek = (cron: string, field: string): string => {
  const days = new Set(
    parseField(cron, dayOfWeek, field)
      .flatMap(expand)
      .map((day) => (day % 7) + 1),
  );
  const sorted = [...days].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(',');
};

/**
 * Converts a standard five-field cron expression (`m h dom mon dow`, UTC) into an EventBridge schedule
 * expression `cron(m h dom mon dow year)`.
 *
 * EventBridge requires exactly one of day-of-month and day-of-week to be `?`, numbers weekdays from 1
 * (Sunday), and accepts steps only as `start/step`; this function handles all three. Standard cron runs a
 * job when *either* a restricted day-of-month or a restricted day-of-week matches, which EventBridge
 * cannot express, so restricting both is rejected.
 *
 * @throws CronConversionError when the expression is not five valid fields or cannot be expressed.
 */
export const toEventBridgeCron = (cron: string): string => {
  const fields = cron.trim().toUpperCase().split(/\s+/);
  if (fields.length !== 5) {
    throw new CronConversionError(cron, `expected 5 fields (m h dom mon dow), got ${fields.length}`);
  }
  const [m, h, dom, mon, dow] = fields as [string, string, string, string, string];
  const domRestricted = dom !== '*' && dom !== '?';
  const dowRestricted = dow !== '*' && dow !== '?';
  if (domRestricted && dowRestricted) {
    throw new CronConversionError(cron, 'day of month and day of week cannot both be restricted');
  }
  const days = dowRestricted
    ? `? ${convertField(cron, month, mon)} ${convertDayOfWeek(cron, dow)}`
    : `${convertField(cron, dayOfMonth, domRestricted ? dom : '*')} ${convertField(cron, month, mon)} ?`;
  return `cron(${convertField(cron, minute, m)} ${convertField(cron, hour, h)} ${days} *)`;
};
