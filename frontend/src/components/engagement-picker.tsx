import type { EngagementState } from '../lib/use-engagement';
import { SelectField } from './field';

/** Chooses which engagement to show when an organization has more than one; nothing otherwise. */
export const EngagementPicker = ({ state }: { readonly state: EngagementState }) =>
  state.engagements.length > 1 && state.engagement ? (
    <SelectField
      label="Project"
      value={state.engagement.id}
      onChange={(event) => state.select(event.target.value)}
      className="engagement-picker"
    >
      {[...state.engagements].reverse().map((item) => (
        <option key={item.id} value={item.id}>
          {item.projectName}
        </option>
      ))}
    </SelectField>
  ) : null;
