import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorResponse } from '../ses';
import { renderAdminPage, snapshotOf } from './admin-page';
import type { LocalCalendar } from './calendar';
import { controlTime, mergePatch, writableFields } from './calendar-fields';
import { faultErrors, GoogleApiError, html, json, noContent, tokenFaults } from './http';
import type { LocalSheets } from './sheets';
import {
  type CalendarDefinition,
  calendars,
  calendarZone,
  type GoogleFault,
  type GoogleOperation,
  googleOperations,
  localGoogleAccount,
} from './state';
import type { GoogleStore } from './store';
import { isAddress, type Json, newEventId, parseJson } from './values';

/** The developer and test controls under `/_local/google`. */
export class GoogleControls {
  constructor(
    private readonly store: GoogleStore,
    private readonly calendar: LocalCalendar,
    private readonly sheets: LocalSheets,
    private readonly reset: () => void,
  ) {}

  handle(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): EmulatorResponse {
    const origin = `http://${headers.host ?? '127.0.0.1'}`;
    const route = `${method} ${path}`;
    const input = (): Json => {
      const text = body.toString('utf8').trim();
      const value = text === '' ? {} : parseJson(text);
      if (!value) throw new ControlError(400, 'The body must be a JSON object');
      return value;
    };
    try {
      if (route === 'GET ' || route === 'GET /') return html(200, renderAdminPage(this.store));
      if (route === 'GET /state.json') return json(200, snapshotOf(this.store));
      if (route === 'POST /events') {
        const { calendarId = localGoogleAccount, start, end, ...fields } = input();
        const calendar = this.controlCalendar(calendarId);
        const event = this.calendar.createEvent(calendar.id, newEventId(), {
          ...writableFields(fields),
          start: controlTime(start),
          end: controlTime(end),
        });
        return json(201, this.calendar.eventResource(event, origin, calendarZone, false));
      }
      const eventPath = /^\/events\/([^/]+)\/([^/]+)$/.exec(path);
      if (eventPath && (method === 'PATCH' || method === 'DELETE')) {
        const calendar = this.controlCalendar(decodeURIComponent(eventPath[1]!));
        const id = decodeURIComponent(eventPath[2]!);
        const event = this.store.state.events.find((e) => e.calendarId === calendar.id && e.id === id);
        if (!event) throw new ControlError(404, `No event ${id} in ${calendar.id}`);
        if (event.status === 'cancelled') throw new ControlError(410, `Event ${id} is already cancelled`);
        if (method === 'DELETE') {
          this.calendar.cancelEvent(event);
          return noContent();
        }
        const { start, end, ...fields } = input();
        this.calendar.changeEvent(
          event,
          mergePatch(event.fields, {
            ...writableFields(fields),
            ...(start !== undefined ? { start: controlTime(start) } : {}),
            ...(end !== undefined ? { end: controlTime(end) } : {}),
          }),
        );
        return json(200, this.calendar.eventResource(event, origin, calendarZone, false));
      }
      if (route === 'POST /revoke-all') {
        // `{"account": "…"}` revokes one account's grants (as that user would); nothing: every grant.
        const { account } = input();
        if (account !== undefined && typeof account !== 'string')
          throw new ControlError(400, 'account must be an email address');
        const of = (grant: { account?: string }) =>
          account === undefined || (grant.account ?? localGoogleAccount) === account.toLowerCase();
        const revoked =
          this.store.state.refreshTokens.filter(of).length + this.store.state.accessTokens.filter(of).length;
        this.store.state.refreshTokens = this.store.state.refreshTokens.filter((grant) => !of(grant));
        this.store.state.accessTokens = this.store.state.accessTokens.filter((grant) => !of(grant));
        this.store.save();
        return json(200, { revoked });
      }
      const sheetPath = /^\/spreadsheets\/([^/]+)\/sheets$/.exec(path);
      if (sheetPath && method === 'POST') {
        const { title, account = localGoogleAccount } = input();
        if (typeof title !== 'string' || title.trim() === '' || title.length > 100)
          throw new ControlError(400, 'title must be a sheet name');
        if (typeof account !== 'string' || !isAddress(account))
          throw new ControlError(400, 'account must be an email address');
        const spreadsheet = this.sheets.spreadsheet(decodeURIComponent(sheetPath[1]!), account.toLowerCase());
        if (spreadsheet.sheets.some((sheet) => sheet.title === title))
          throw new ControlError(409, `The spreadsheet has a sheet ${title} already`);
        spreadsheet.sheets.push({ title, rows: [] });
        this.store.save();
        return json(201, { id: spreadsheet.id, account: spreadsheet.account, sheets: spreadsheet.sheets });
      }
      if (route === 'POST /expire-access-tokens') {
        const expired = this.store.state.accessTokens.length;
        this.store.state.accessTokens = [];
        this.store.save();
        return json(200, { expired });
      }
      if (route === 'POST /faults') return json(201, this.addFault(input()));
      if (route === 'DELETE /faults') {
        this.store.faults = [];
        return noContent();
      }
      if (route === 'POST /invalidate-sync-tokens') {
        this.store.state.syncEpoch = randomBytes(6).toString('base64url');
        this.store.save();
        return noContent();
      }
      if (route === 'POST /seed')
        return json(200, { added: this.calendar.seedDemo(new Date(this.store.now())) });
      if (route === 'POST /reset') {
        this.reset();
        return noContent();
      }
      throw new ControlError(404, `No control ${route}`);
    } catch (error) {
      if (error instanceof ControlError) return json(error.status, { error: error.message });
      if (error instanceof GoogleApiError) return json(error.status, { error: error.message });
      throw error;
    }
  }

  private controlCalendar(id: unknown): CalendarDefinition {
    const calendar =
      typeof id === 'string'
        ? calendars.find((c) => c.id === (id === 'primary' ? localGoogleAccount : id))
        : undefined;
    if (!calendar) throw new ControlError(404, `No calendar ${String(id)}`);
    return calendar;
  }

  private addFault(input: Json): GoogleFault {
    const { operation, status, delayMs = 0, count = 1 } = input;
    if (!googleOperations.includes(operation as GoogleOperation))
      throw new ControlError(400, `operation must be one of ${googleOperations.join(', ')}`);
    const statuses = operation === 'token' ? tokenFaults : faultErrors;
    if (status !== undefined && (typeof status !== 'number' || !(status in statuses)))
      throw new ControlError(400, `status must be one of ${Object.keys(statuses).join(', ')}`);
    if (typeof delayMs !== 'number' || delayMs < 0)
      throw new ControlError(400, 'delayMs must be a number ≥ 0');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
      throw new ControlError(400, 'count must be a whole number ≥ 1');
    if (status === undefined && delayMs === 0)
      throw new ControlError(400, 'Give a status, a delayMs or both');
    const fault: GoogleFault = {
      operation: operation as GoogleOperation,
      ...(status !== undefined ? { status: status as number } : {}),
      delayMs,
      remaining: count,
    };
    this.store.faults.push(fault);
    return fault;
  }
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
