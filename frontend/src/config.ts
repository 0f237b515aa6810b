export interface AppConfig {
  /** Prefix for API calls; empty means same origin (CloudFront and the local gateway forward `/api`). */
  readonly apiBaseUrl: string;
  readonly appName: string;
}

export const config: AppConfig = {
  apiBaseUrl: (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/$/, ''),
  appName: import.meta.env.VITE_APP_NAME ?? 'Portico',
};
