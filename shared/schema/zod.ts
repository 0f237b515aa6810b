import { config, locales } from 'zod/mini';

config(locales.en());

export * from 'zod/mini';
