import { useId } from 'react';
import { type Counts, countsText, phaseLabel } from '../lib/checklist';

interface ProgressBarProps {
  /** What the bar measures, such as "Overall progress". */
  readonly label: string;
  /** 0–100. */
  readonly percent: number;
  /** The sentence under the bar, also read out as the bar's value. */
  readonly text: string;
  /** @default the percentage, complete */
  readonly valueText?: string;
}

/** Progress as a bar, a percentage and a sentence; the bar is a `progressbar` named by its label. */
export const ProgressBar = ({
  label,
  percent,
  text,
  valueText = `${percent}% complete`,
}: ProgressBarProps) => {
  const labelId = useId();
  return (
    <div className="progress">
      <p className="progress__header">
        <span id={labelId} className="progress__label">
          {label}
        </span>
        <span className="progress__percent">{percent}%</span>
      </p>
      <div
        className="progress__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText}
      >
        <span
          className={`progress__fill${percent === 100 ? ' progress__fill--done' : ''}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="progress__text">{text}</p>
    </div>
  );
};

/** A checklist's progress: the share of its tasks done, with the counts in words. */
export const ChecklistProgress = ({ label, counts }: { readonly label: string; readonly counts: Counts }) => (
  <ProgressBar label={label} percent={counts.percentComplete} text={countsText(counts)} />
);

interface PhaseBarsProps {
  readonly phases: readonly {
    readonly number: number | null;
    readonly title: string;
    readonly counts: Counts;
  }[];
  /** Index of the phase the work is in. */
  readonly current: number | null;
}

/** One small bar per phase, for tables; read out as one sentence rather than as many bars. */
export const PhaseBars = ({ phases, current }: PhaseBarsProps) => (
  <span
    className="phase-bars"
    role="img"
    aria-label={phases.map((phase) => `${phaseLabel(phase)}: ${phase.counts.percentComplete}%`).join(', ')}
  >
    {phases.map((phase, index) => (
      <span
        // Phases have no id; their order is fixed for one version of the file.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        key={index}
        className={`phase-bars__bar${index === current ? ' phase-bars__bar--current' : ''}`}
        title={`${phaseLabel(phase)}: ${phase.counts.percentComplete}%`}
      >
        <span className="phase-bars__fill" style={{ width: `${phase.counts.percentComplete}%` }} />
      </span>
    ))}
  </span>
);
