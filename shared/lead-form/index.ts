export { getSettings, saveSettings } from './service';
