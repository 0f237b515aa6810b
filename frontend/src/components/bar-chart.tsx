export const BarChart = ({
  title,
  rows,
}: {
  readonly title: string;
  /** `key` tells rows apart whose labels may repeat (two rooms of one name). */
  readonly rows: readonly { key?: string; label: string; value: number }[];
}) => {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const rowHeight = 28;
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 600 ${rows.length * rowHeight}`} width="100%">
      <title>{title}</title>
      {rows.map((row, index) => (
        <g key={row.key ?? row.label} transform={`translate(0 ${index * rowHeight})`}>
          <text x="0" y="18" fontSize="13">
            {row.label}
          </text>
          <rect x="160" y="6" height="16" width={(380 * row.value) / max} fill="#3b5bdb" rx="3" />
          <text x={168 + (380 * row.value) / max} y="18" fontSize="13">
            {row.value}
          </text>
        </g>
      ))}
    </svg>
  );
};
