import { describe, expect, it } from 'vitest';
import {
  type AutomationsView,
  automationIds,
  automationTemplates,
  updateAutomationsInput,
} from '../../../shared/automations/contracts';
import {
  draftErrors,
  draftOf,
  formatDuration,
  formatMinutes,
  hourLabel,
  newStepDraft,
  patchOf,
  reminderChoices,
  type SettingsDraft,
  triggerText,
} from './automations';
import { validate } from './form';

const view: AutomationsView = {
  orgId: '01M7YVTJN1ARGMGH2J2Z6P6N3K',
  version: 3,
  updatedAt: '2026-11-21T10:53:25.249Z',
  updatedBy: 'Avery Operator',
  timeZone: 'America/Chicago',
  leadCapture: {
    enabled: true,
    notifyUsers: true,
    googleSheetsRow: {
      enabled: true,
      spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc',
      status: 'needs-google-workspace',
    },
  },
  appointmentHelper: {
    enabled: true,
    sendConfirmation: false,
    addToCalendar: true,
    reminderMinutesBefore: 90,
    jobs: true,
    bookings: false,
  },
  followUpSequence: {
    enabled: false,
    steps: [
      { afterHours: 24, subject: 'Following up', body: 'Hi {name}' },
      { afterHours: 72, subject: 'Still there?', body: 'Hi again' },
    ],
  },
  reviewRequest: { enabled: false, reviewUrl: null, delayHours: 24, quietHours: null },
  dailyDigest: { enabled: true, hour: 7, nextDigestAt: '2026-11-22T13:00:00.000Z' },
  templates: automationIds.map((id) => ({ id, ...automationTemplates[id], enabled: false })),
};

describe('the editor drafts', () => {
  it.each(automationIds)('sends %s back unchanged when nothing was edited, and only that template', (id) => {
    const patch = patchOf(view.version, draftOf(view, id));
    expect(Object.keys(patch).sort()).toEqual(['version', expect.any(String)].sort());
    const checked = validate(updateAutomationsInput, patch);
    expect(checked.ok).toBe(true);
  });

  it('keeps the view-only fields (the Sheets status, the next digest) out of the request', () => {
    expect(patchOf(3, draftOf(view, 'lead-capture'))).toEqual({
      version: 3,
      leadCapture: {
        enabled: true,
        notifyUsers: true,
        googleSheetsRow: { enabled: true, spreadsheetUrl: 'https://docs.google.com/spreadsheets/d/abc' },
      },
    });
    expect(patchOf(3, draftOf(view, 'daily-digest'))).toEqual({
      version: 3,
      dailyDigest: { enabled: true, hour: 7 },
    });
  });

  it('turns blanks into null: no spreadsheet, no review link, no reminder, no quiet hours', () => {
    const capture = { ...draftOf(view, 'lead-capture'), spreadsheetUrl: '  ' } as SettingsDraft;
    expect(patchOf(1, capture)).toMatchObject({ leadCapture: { googleSheetsRow: { spreadsheetUrl: null } } });
    const helper = { ...draftOf(view, 'appointment-helper'), reminder: '' } as SettingsDraft;
    expect(patchOf(1, helper)).toMatchObject({ appointmentHelper: { reminderMinutesBefore: null } });
    const review = draftOf(view, 'review-request');
    expect(review).toMatchObject({ quietHours: false, quietStart: '20:00', quietEnd: '08:00' });
    expect(patchOf(1, review)).toMatchObject({ reviewRequest: { reviewUrl: null, quietHours: null } });
    expect(patchOf(1, { ...review, quietHours: true } as SettingsDraft)).toMatchObject({
      reviewRequest: { quietHours: { start: '20:00', end: '08:00' } },
    });
  });

  it('names the field of a number that is not a whole number, and of a step out of order', () => {
    const draft = draftOf(view, 'follow-up-sequence');
    if (draft.automation !== 'follow-up-sequence') throw new Error('unexpected draft');
    const edited: SettingsDraft = {
      ...draft,
      steps: [
        { ...draft.steps[0]!, afterHours: 'soon' },
        { ...draft.steps[1]!, subject: '' },
      ],
    };
    const checked = validate(updateAutomationsInput, patchOf(1, edited));
    if (checked.ok) throw new Error('expected errors');
    const errors = draftErrors('follow-up-sequence', checked.errors);
    expect(errors['steps.0.afterHours']).toBe('Enter a whole number');
    expect(errors['steps.1.subject']).toBe('Required');

    const reversed = { ...draft, steps: [...draft.steps].reverse() };
    const refused = validate(updateAutomationsInput, patchOf(1, reversed));
    if (refused.ok) throw new Error('expected errors');
    expect(draftErrors('follow-up-sequence', refused.errors)).toEqual({
      steps: 'Each step comes later than the one before',
    });
  });

  it('places the API’s problem details the same way', () => {
    expect(
      draftErrors('review-request', {
        'reviewRequest.reviewUrl': 'Required to turn review requests on',
        'reviewRequest.quietHours': 'Start and end must differ',
        version: 'Expected a number',
      }),
    ).toEqual({
      reviewUrl: 'Required to turn review requests on',
      quietHours: 'Start and end must differ',
      version: 'Expected a number',
    });
  });

  it('suggests a new step two days after the last one', () => {
    const draft = draftOf(view, 'follow-up-sequence');
    if (draft.automation !== 'follow-up-sequence') throw new Error('unexpected draft');
    const step = newStepDraft(draft.steps);
    expect(step.afterHours).toBe('120');
    expect(draft.steps.map((s) => s.key)).not.toContain(step.key);
    expect(newStepDraft([]).afterHours).toBe('24');
  });
});

describe('words and numbers', () => {
  it('says how long a run took at a glance', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(204)).toBe('204 ms');
    expect(formatDuration(3240)).toBe('3.2 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(120_000)).toBe('2 min');
  });

  it('says what started a run, falling back to the raw type for one it does not know', () => {
    expect(triggerText({ kind: 'event', type: 'lead.created', ref: 'x' })).toBe('A lead arrived');
    expect(triggerText({ kind: 'event', type: 'thing.happened', ref: 'x' })).toBe('Event thing.happened');
    expect(triggerText({ kind: 'step', type: 'follow-up', ref: 'x' })).toBe('A follow-up came due');
    expect(triggerText({ kind: 'schedule', type: 'digest.due', ref: '2026-11-21' })).toBe(
      'The daily digest schedule',
    );
  });

  it('offers the saved reminder among the choices even when it is not a preset', () => {
    const choices = reminderChoices(90);
    expect(choices[0]).toEqual({ value: '', label: 'No reminder' });
    expect(choices.find((choice) => choice.value === '90')?.label).toBe('1 hour 30 minutes before');
    expect(choices.filter((choice) => choice.value === '1440')).toHaveLength(1);
    expect(reminderChoices(1440)).toHaveLength(11);
  });

  it('writes durations and hours as people say them', () => {
    expect(formatMinutes(30)).toBe('30 minutes');
    expect(formatMinutes(60)).toBe('1 hour');
    expect(formatMinutes(1440)).toBe('1 day');
    expect(formatMinutes(1800)).toBe('1 day 6 hours');
    expect(formatMinutes(10080)).toBe('1 week');
    expect(hourLabel(7)).toBe('07:00');
    expect(hourLabel(23)).toBe('23:00');
  });
});
