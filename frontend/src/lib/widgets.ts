import { type DashboardLayout, widgetIds } from '../../../shared/identity/contracts';

export type WidgetId = (typeof widgetIds)[number];
export type LayoutWidget = DashboardLayout['widgets'][number];

export interface WidgetInfo {
  readonly title: string;
  /** What the widget shows; for a module still being built, what it will show. */
  readonly description: string;
  readonly available: boolean;
}

export const widgetCatalog: Record<WidgetId, WidgetInfo> = {
  profile: {
    title: 'Profile',
    description: 'Summary, website and social links of your organization.',
    available: true,
  },
  'focus-topics': {
    title: 'Focus topics',
    description: 'The topics your organization wants to be known for.',
    available: true,
  },
  activity: {
    title: 'Activity',
    description: 'What happened in your organization, newest first.',
    available: true,
  },
  engagement: {
    title: 'Engagement',
    description: 'Your project checklist: phases, tasks done and still open.',
    available: true,
  },
  bookings: {
    title: 'Bookings',
    description: 'Book a meeting in a free slot of the agency calendar.',
    available: true,
  },
  leads: {
    title: 'Leads',
    description: 'Leads from your website forms and where they stand.',
    available: true,
  },
  jobs: { title: 'Jobs', description: "Today's and upcoming jobs.", available: true },
  events: { title: 'Events', description: 'Your events, sessions and speakers.', available: false },
};

/** The API's order (shared contracts): what works today first. */
export const defaultWidgetOrder: readonly WidgetId[] = widgetIds;

const known = new Set<string>(widgetIds);

/** The saved layout in its order, followed by any widget it does not mention yet (shown). */
export const normalizeLayout = (widgets: readonly LayoutWidget[]): LayoutWidget[] => {
  const seen = new Set<WidgetId>();
  const result: LayoutWidget[] = [];
  for (const widget of widgets) {
    if (!known.has(widget.id) || seen.has(widget.id)) continue;
    seen.add(widget.id);
    result.push({ id: widget.id, visible: widget.visible });
  }
  for (const id of defaultWidgetOrder) if (!seen.has(id)) result.push({ id, visible: true });
  return result;
};

export const defaultLayout = (): LayoutWidget[] => defaultWidgetOrder.map((id) => ({ id, visible: true }));

export const sameLayout = (a: readonly LayoutWidget[], b: readonly LayoutWidget[]): boolean =>
  a.length === b.length &&
  a.every((widget, index) => widget.id === b[index]?.id && widget.visible === b[index]?.visible);
