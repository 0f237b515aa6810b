import { defineConfig } from 'vitest/config';

/**
 * Three projects: fast unit tests, the CDK stack's tests, and integration tests that run the real
 * handlers against one local cloud started for the run (in memory, on free ports).
 */
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'functions/**/*.test.ts',
            'infra/local/**/*.test.ts',
            'frontend/src/**/*.test.ts',
            'test/boundaries/**/*.test.ts',
          ],
          exclude: ['**/*.integ.test.ts', '**/node_modules/**'],
          env: {
            TABLE_NAME: 'portico-test',
            EVENT_BUS_NAME: 'portico-test',
            ENGAGEMENTS_BUCKET: 'portico-test-engagements',
            IMPORTS_BUCKET: 'portico-test-imports',
            MAIL_FROM: 'Portico <no-reply@portico.test>',
            APP_URL: 'https://portico.test',
            UNSUBSCRIBE_KEY: 'unit-test-unsubscribe-key',
            WS_MANAGEMENT_ENDPOINT: 'https://ws.portico.test',
            AWS_REGION: 'us-east-1',
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
            POWERTOOLS_LOG_LEVEL: 'SILENT',
          },
        },
      },
      {
        test: {
          name: 'infra',
          include: ['infra/*.test.ts', 'infra/constructs/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'integ',
          include: ['**/*.integ.test.ts'],
          exclude: ['**/node_modules/**'],
          globalSetup: ['test/integ/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
