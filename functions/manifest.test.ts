import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { functions, httpRoutes } from './manifest';

describe('the manifest', () => {
  it('names an existing handler file for every function', () => {
    for (const fn of functions) expect(existsSync(fn.entry), fn.entry).toBe(true);
  });

  it('has unique function names, route keys and route names per function', () => {
    expect(new Set(functions.map((fn) => fn.name)).size).toBe(functions.length);
    const keys = httpRoutes.map(({ route }) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const fn of functions) {
      const names = (fn.routes ?? []).map((route) => route.name);
      expect(new Set(names).size, fn.name).toBe(names.length);
    }
  });

  it('keeps every route under /api in AWS path syntax', () => {
    for (const { route } of httpRoutes)
      expect(route.path).toMatch(/^\/api(\/([a-z0-9-]+|\{[a-zA-Z]+\}|[a-z.]+))+$/);
  });

  it('binds exactly the manifest routes in each HTTP function', async () => {
    for (const fn of functions.filter((candidate) => candidate.routes?.length)) {
      const module = (await import(`../${fn.entry}`)) as { handler: { routes: unknown[] } };
      expect(module.handler.routes, fn.name).toEqual(fn.routes);
    }
    // Importing every handler transforms most of the code base: slow on a busy machine, not a failure.
  }, 60_000);

  it('rules each event consumer on exactly the detail types its handler acts on', async () => {
    for (const fn of functions.filter((candidate) => candidate.consumes?.length)) {
      const module = (await import(`../${fn.entry}`)) as { handler: { detailTypes: readonly string[] } };
      const ruled = fn.consumes!.flatMap((consume) => consume.detailTypes);
      expect([...module.handler.detailTypes].sort(), fn.name).toEqual([...new Set(ruled)].sort());
    }
  }, 60_000);

  it('routes exactly the manifest WebSocket routes in each WebSocket function, none in two', async () => {
    const withWs = functions.filter((candidate) => candidate.wsRoutes?.length);
    const keys = withWs.flatMap((fn) => fn.wsRoutes ?? []);
    expect(new Set(keys).size).toBe(keys.length);
    for (const fn of withWs) {
      const module = (await import(`../${fn.entry}`)) as { handler: { routes: string[] } };
      expect([...module.handler.routes].sort(), fn.name).toEqual([...(fn.wsRoutes ?? [])].sort());
    }
  }, 60_000);

  it('gives each async consumer a rule and each schedule a five-field cron', () => {
    for (const fn of functions) {
      for (const consume of fn.consumes ?? []) expect(consume.detailTypes.length).toBeGreaterThan(0);
      for (const schedule of fn.schedules ?? []) expect(schedule.cron.split(' ')).toHaveLength(5);
    }
  });
});
