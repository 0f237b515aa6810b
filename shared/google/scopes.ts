export const gmailSendScope = 'https://www.googleapis.com/auth/gmail.send';
export const sheetsScope = 'https://www.googleapis.com/auth/spreadsheets';
export const calendarEventsScope = 'https://www.googleapis.com/auth/calendar.events';

/**
 * What an organization's consent asks for: sending mail, writing to its sheets, putting its jobs into its
 * calendar, and (`openid email`) which account that is, to show it and to send from it.
 */
export const workspaceScopes = ['openid', 'email', gmailSendScope, sheetsScope, calendarEventsScope] as const;

/**
 * The scopes a connection cannot work without (Google reports `email` under another name). Calendar is not
 * one of them: connections made before Portico asked for it keep working, and only skip the calendar.
 */
export const requiredWorkspaceScopes = [gmailSendScope, sheetsScope] as const;
