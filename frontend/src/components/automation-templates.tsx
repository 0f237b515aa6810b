import type { ReactNode } from 'react';
import type { AutomationId, AutomationsView } from '../../../shared/automations/contracts';
import { formatMinutes, hourLabel } from '../lib/automations';
import { formatInZone, zoneName } from '../lib/zoned-time';
import { EnabledBadge } from './automation-badges';
import { Widget } from './widget';
import './automations.css';

const Fact = ({ term, children }: { readonly term: string; readonly children: ReactNode }) => (
  <div>
    <dt>{term}</dt>
    <dd>{children}</dd>
  </div>
);

const None = ({ children }: { readonly children: ReactNode }) => <span className="muted">{children}</span>;

const yesNo = (value: boolean, yes: string, no: string) => (value ? yes : <None>{no}</None>);

/**
 * Where a configured Sheets row stands. The API writes none until the organization connects Google
 * Workspace, so the card says so rather than implying rows are being added.
 */
export const SheetsStatus = ({ view }: { readonly view: AutomationsView }) => {
  const sheets = view.leadCapture.googleSheetsRow;
  // One case per status the API names, so a new one (say, rows being written) fails the type check here.
  switch (sheets.status) {
    case 'off':
      return <None>Off</None>;
    case 'needs-google-workspace':
      return (
        <span className="automation-sheets">
          <span className="badge badge--warning">Needs Google Workspace</span>{' '}
          <span>
            Configured{sheets.spreadsheetUrl ? ` for ${sheets.spreadsheetUrl}` : ''}, but no rows are written
            until the organization connects Google Workspace.
          </span>
        </span>
      );
    case 'needs-spreadsheet':
      return (
        <span className="automation-sheets">
          <span className="badge badge--warning">Needs a spreadsheet</span>{' '}
          <span>Google Workspace is connected; add the spreadsheet's link to start adding rows.</span>
        </span>
      );
    case 'active':
      return (
        <span className="automation-sheets">
          <span className="badge badge--success">Adding rows</span>{' '}
          <span>
            Each new lead becomes a row in {sheets.spreadsheetUrl ?? 'the spreadsheet'}
            {sheets.range ? ` (${sheets.range})` : ''}.
          </span>
        </span>
      );
    default:
      return sheets.status satisfies never;
  }
};

/** When the next digest goes out, on the organization's clock. */
export const NextDigest = ({ view }: { readonly view: AutomationsView }) => {
  const { enabled, nextDigestAt } = view.dailyDigest;
  if (!enabled) return <None>None: the digest is off</None>;
  if (!nextDigestAt) return <None>Being scheduled</None>;
  return (
    <time dateTime={nextDigestAt}>
      {formatInZone(nextDigestAt, view.timeZone)} ({zoneName(view.timeZone)})
    </time>
  );
};

/** One template's settings, read-only, as the card shows them. */
const TemplateSettings = ({ view, automation }: { view: AutomationsView; automation: AutomationId }) => {
  switch (automation) {
    case 'lead-capture':
      return (
        <>
          <Fact term="Email alerts">
            {yesNo(view.leadCapture.notifyUsers, 'Every active user, for each new lead', 'Off')}
          </Fact>
          <Fact term="Google Sheets row">
            <SheetsStatus view={view} />
          </Fact>
        </>
      );
    case 'appointment-helper': {
      const helper = view.appointmentHelper;
      const what = [helper.jobs ? 'jobs' : null, helper.bookings ? 'booked calls' : null].filter(Boolean);
      return (
        <>
          <Fact term="For">{what.length ? capitalizeFirst(what.join(' and ')) : <None>Nothing</None>}</Fact>
          <Fact term="Confirmation">
            {yesNo(helper.sendConfirmation, 'Sent when a job is scheduled or moved', 'Off')}
          </Fact>
          <Fact term="Reminder">
            {helper.reminderMinutesBefore === null ? (
              <None>No reminder</None>
            ) : (
              `${formatMinutes(helper.reminderMinutesBefore)} before`
            )}
          </Fact>
        </>
      );
    }
    case 'follow-up-sequence':
      return (
        <Fact term={`Steps (${view.followUpSequence.steps.length})`}>
          <ol className="automation-sequence">
            {view.followUpSequence.steps.map((step, index) => (
              // The steps have no ids; their order is what identifies them.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={index}>
                <span className="muted">After {formatMinutes(step.afterHours * 60)}:</span> {step.subject}
              </li>
            ))}
          </ol>
        </Fact>
      );
    case 'review-request': {
      const review = view.reviewRequest;
      return (
        <>
          <Fact term="Review link">
            {review.reviewUrl ? (
              <a href={review.reviewUrl} target="_blank" rel="noreferrer">
                {review.reviewUrl}
              </a>
            ) : (
              <None>Not set</None>
            )}
          </Fact>
          <Fact term="Sent">
            {review.delayHours === 0
              ? 'Right after the job is completed'
              : `${formatMinutes(review.delayHours * 60)} after the job is completed`}
          </Fact>
          <Fact term="Quiet hours">
            {review.quietHours ? (
              `${review.quietHours.start}–${review.quietHours.end} (${zoneName(view.timeZone)})`
            ) : (
              <None>None</None>
            )}
          </Fact>
        </>
      );
    }
    case 'daily-digest':
      return (
        <>
          <Fact term="Sent at">
            {hourLabel(view.dailyDigest.hour)} ({zoneName(view.timeZone)})
          </Fact>
          <Fact term="Next digest">
            <NextDigest view={view} />
          </Fact>
        </>
      );
  }
};

const capitalizeFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface AutomationTemplatesProps {
  readonly view: AutomationsView;
  /** Offers "Edit" on each template (operator admins). */
  readonly onEdit?: (automation: AutomationId) => void;
}

/** The five templates: what each does and what starts it, whether it is on, and its settings. */
export const AutomationTemplates = ({ view, onEdit }: AutomationTemplatesProps) => (
  <div className="widgets automation-templates">
    {view.templates.map((template) => (
      <Widget
        key={template.id}
        title={template.name}
        actions={
          <>
            <EnabledBadge enabled={template.enabled} />
            {onEdit ? (
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => onEdit(template.id)}
                aria-label={`Edit ${template.name}`}
              >
                Edit
              </button>
            ) : null}
          </>
        }
      >
        <p>{template.description}</p>
        <p className="table__secondary">
          <span className="automation-template__label">Starts when:</span> {template.trigger}
        </p>
        <dl className="facts facts--stacked automation-template__facts">
          <TemplateSettings view={view} automation={template.id} />
        </dl>
      </Widget>
    ))}
  </div>
);
