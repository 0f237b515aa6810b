/** What other modules may use of the lead form: its settings, edited from the organization's page. */
export { getSettings, saveSettings } from './service';
