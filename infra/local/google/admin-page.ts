import { escapeHtml } from '../../../shared/email/render';
import { privateProperties } from './calendar-fields';
import { page } from './http';
import { calendars, calendarZone, localGoogleAccount } from './state';
import type { GoogleStore } from './store';
import { formatInZone, iso, mask } from './values';

/** The page at `/_local/google`: what the stand-in holds, and how to steer it. */

/** Everything the page shows, token values masked. */
export const snapshotOf = (store: GoogleStore) => {
  const now = store.now();
  return {
    account: localGoogleAccount,
    calendars: calendars.map((c) => ({
      id: c.id,
      summary: c.summary,
      accessRole: c.accessRole,
      primary: c.primary,
      timeZone: calendarZone,
    })),
    events: [...store.state.events]
      .sort((a, b) => a.startMs - b.startMs)
      .map((e) => ({
        calendarId: e.calendarId,
        id: e.id,
        status: e.status,
        summary: e.fields.summary ?? null,
        description: e.fields.description ?? null,
        location: e.fields.location ?? null,
        attendees: e.fields.attendees ?? [],
        start: iso(e.startMs),
        end: iso(e.endMs),
        transparency: e.fields.transparency ?? 'opaque',
        privateProperties: privateProperties(e),
        updated: iso(e.updated),
      })),
    refreshTokens: store.state.refreshTokens.map((g) => ({
      account: g.account ?? localGoogleAccount,
      token: mask(g.token),
      scope: g.scope,
      createdAt: iso(g.createdAt),
      liveAccessTokens: store.state.accessTokens.filter(
        (t) => t.refreshToken === g.token && t.expiresAt > now,
      ).length,
    })),
    accessTokens: store.state.accessTokens
      .filter((t) => t.expiresAt > now)
      .map((t) => ({
        account: t.account ?? localGoogleAccount,
        token: mask(t.token),
        scope: t.scope,
        expiresAt: iso(t.expiresAt),
        refreshToken: t.refreshToken ? mask(t.refreshToken) : null,
      })),
    messages: store.state.messages.map((m) => ({
      id: m.id,
      account: m.account,
      from: m.from,
      to: m.to,
      subject: m.subject,
      sentAt: iso(m.sentAt),
      headers: m.headers,
      text: m.text,
      html: m.html,
    })),
    spreadsheets: store.state.spreadsheets,
    faults: store.faults.map((f) => ({ ...f })),
  };
};

export const renderAdminPage = (store: GoogleStore): string => {
  const state = snapshotOf(store);
  const rows = (cells: string[][]) =>
    cells.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  const zoned = (value: string) =>
    escapeHtml(formatInZone(Date.parse(value), calendarZone).replace('T', ' '));
  const calendarSections = state.calendars
    .map((c) => {
      const events = state.events.filter((e) => e.calendarId === c.id);
      const table = events.length
        ? `<table><tr><th>Start (${escapeHtml(calendarZone)})</th><th>End</th><th>Summary</th><th>Status</th><th>Id</th></tr>
${events
  .map(
    (e) =>
      `<tr id="event-${escapeHtml(e.id)}" class="${e.status === 'cancelled' ? 'cancelled' : ''}"><td>${zoned(e.start)}</td><td>${zoned(e.end)}</td><td>${escapeHtml(String(e.summary ?? '(no title)'))}${e.transparency === 'transparent' ? ' <span class="tag">free</span>' : ''}${Object.keys(e.privateProperties).length ? ' <span class="tag">app</span>' : ''}</td><td>${escapeHtml(e.status)}</td><td><code>${escapeHtml(e.id)}</code></td></tr>`,
  )
  .join('\n')}</table>`
        : '<p class="meta">No events.</p>';
      return `<h3>${escapeHtml(c.summary)} <span class="meta">${escapeHtml(c.id)} · ${escapeHtml(c.accessRole)}${c.primary ? ' · primary' : ''}</span></h3>\n${table}`;
    })
    .join('\n');
  const tokens = state.refreshTokens.length
    ? `<table><tr><th>Account</th><th>Refresh token</th><th>Scopes</th><th>Since</th><th>Live access tokens</th></tr>${rows(
        state.refreshTokens.map((t) => [
          escapeHtml(t.account),
          `<code>${escapeHtml(t.token)}</code>`,
          escapeHtml(t.scope),
          escapeHtml(t.createdAt),
          String(t.liveAccessTokens),
        ]),
      )}</table>`
    : '<p class="meta">No app is connected.</p>';
  const messages = state.messages.length
    ? `<table><tr><th>Sent</th><th>From</th><th>To</th><th>Subject</th><th>Unsubscribe header</th></tr>${rows(
        [...state.messages]
          .reverse()
          .map((m) => [
            escapeHtml(m.sentAt.replace('T', ' ').slice(0, 19)),
            escapeHtml(m.from),
            escapeHtml(m.to.join(', ')),
            `<details><summary>${escapeHtml(m.subject || '(no subject)')}</summary><pre>${escapeHtml(m.text)}</pre></details>`,
            m.headers['list-unsubscribe'] ? 'yes (one-click)' : '—',
          ]),
      )}</table>`
    : '<p class="meta">No messages sent.</p>';
  const sheets = state.spreadsheets.length
    ? state.spreadsheets
        .map(
          (spreadsheet) =>
            `<h3>Spreadsheet <code>${escapeHtml(spreadsheet.id)}</code> <span class="meta">${escapeHtml(spreadsheet.account)}</span></h3>\n${spreadsheet.sheets
              .map(
                (sheet) =>
                  `<p class="meta">${escapeHtml(sheet.title)} · ${sheet.rows.length} row${sheet.rows.length === 1 ? '' : 's'}</p>${
                    sheet.rows.length
                      ? `<table>${rows(sheet.rows.map((row) => row.map((cell) => escapeHtml(cell))))}</table>`
                      : ''
                  }`,
              )
              .join('\n')}`,
        )
        .join('\n')
    : '<p class="meta">No rows written.</p>';
  const faults = state.faults.length
    ? `<table><tr><th>Operation</th><th>Status</th><th>Delay</th><th>Remaining</th></tr>${rows(
        state.faults.map((f) => [
          escapeHtml(f.operation),
          f.status === undefined ? 'answers normally' : String(f.status),
          `${f.delayMs} ms`,
          String(f.remaining),
        ]),
      )}</table>`
    : '<p class="meta">None.</p>';
  return page(
    'Local Google stand-in · Portico',
    `<p class="badge">Local Google stand-in · nothing here talks to Google</p>
<h1>Google Calendar of ${escapeHtml(state.account)}</h1>
<p>The OAuth, Calendar v3, Gmail v1 and Sheets v4 endpoints Portico uses, on this machine. <a href="/_local/google/state.json">JSON</a></p>
<h2>Calendars and events</h2>
${calendarSections}
<h2>Gmail: messages sent</h2>
<p class="meta">Kept here, never delivered.</p>
${messages}
<h2>Google Sheets</h2>
${sheets}
<h2>Connected apps</h2>
${tokens}
<h2>Active faults</h2>
${faults}
<h2>Controls</h2>
<pre>POST   /_local/google/events                      {"calendarId","summary","start","end"}
PATCH  /_local/google/events/&lt;calendarId&gt;/&lt;eventId&gt;  {"start","end"}
DELETE /_local/google/events/&lt;calendarId&gt;/&lt;eventId&gt;
POST   /_local/google/revoke-all                  {"account"?}  (every grant without one)
POST   /_local/google/expire-access-tokens | invalidate-sync-tokens | seed | reset
POST   /_local/google/spreadsheets/&lt;id&gt;/sheets      {"title","account"?}
POST   /_local/google/faults                      {"operation","status","delayMs","count"}
DELETE /_local/google/faults</pre>`,
  );
};
