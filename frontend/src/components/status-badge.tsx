const tones: Record<string, string> = {
  active: 'success',
  invited: 'info',
  archived: 'neutral',
  deactivated: 'danger',
};

const labels: Record<string, string> = {
  active: 'Active',
  invited: 'Invited',
  archived: 'Archived',
  deactivated: 'Deactivated',
};

/** A status as a badge; colour is never the only signal, the word is always there. */
export const StatusBadge = ({ status }: { readonly status: string }) => (
  <span className={`badge badge--${tones[status] ?? 'neutral'}`}>{labels[status] ?? status}</span>
);
