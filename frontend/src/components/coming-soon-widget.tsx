import { type WidgetId, widgetCatalog } from '../lib/widgets';
import { Widget } from './widget';

/** A module that is not built yet says so plainly: no sample numbers, no fake rows. */
export const ComingSoonWidget = ({ id }: { readonly id: WidgetId }) => {
  const info = widgetCatalog[id];
  return (
    <Widget title={info.title} muted actions={<span className="badge badge--neutral">Coming soon</span>}>
      <p>{info.description}</p>
      <p className="muted">This module is still being built. It will show up here when it is ready.</p>
    </Widget>
  );
};
