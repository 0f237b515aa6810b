import type * as z from '../schema/zod';

/**
 * Who may call a route. `org-*` routes carry `{orgId}` in the path: operator admins reach every
 * organization, client users only their own; anybody else's organization answers 404. `conference-*`
 * routes carry `{orgId}` and `{conferenceId}`: the caller's role in that conference is read with the user
 * (one batch read) — `conference-member` lets organizers, speakers, attendees and the organization's own
 * users in, `conference-organizer` only organizers and the organization's owners.
 */
export type Access =
  | 'public'
  | 'user'
  | 'admin'
  | 'org-member'
  | 'org-owner'
  | 'conference-member'
  | 'conference-organizer';

export const isConferenceAccess = (access: Access): access is 'conference-member' | 'conference-organizer' =>
  access === 'conference-member' || access === 'conference-organizer';

/** `OPTIONS` only for routes that answer CORS preflights themselves (the public lead form). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** One HTTP route as data: the manifest, the handlers, the OpenAPI document and the frontend share it. */
export interface RouteDefinition {
  readonly method: HttpMethod;
  /** AWS path syntax, always under `/api`: `/api/orgs/{orgId}`. */
  readonly path: `/api/${string}`;
  /** kebab-case, unique within the module; also the route handler's file name. */
  readonly name: string;
  readonly summary: string;
  readonly access: Access;
  readonly body?: z.ZodMiniType;
  readonly query?: z.ZodMiniType;
  /** Path parameters; every `{param}` not listed here must be a ULID. */
  readonly params?: z.ZodMiniType;
  readonly response?: z.ZodMiniType;
  /** Success status; defaults to 200, or 204 without a response schema. */
  readonly status?: number;
  /** Largest accepted JSON body in bytes. @default 16384 */
  readonly maxBodyBytes?: number;
  /**
   * The body comes from an HTML form or a mail client's one-click unsubscribe (RFC 8058), not JSON:
   * `application/x-www-form-urlencoded` fields are parsed (and validated by `body` when given),
   * `multipart/form-data` is accepted and its fields ignored.
   */
  readonly formBody?: boolean;
}

export const defineRoute = <const R extends RouteDefinition>(route: R): R => route;

type Infer<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;
export type BodyOf<R extends RouteDefinition> = Infer<R['body']>;
export type QueryOf<R extends RouteDefinition> = Infer<R['query']>;
export type ResponseOf<R extends RouteDefinition> = Infer<R['response']>;

/** The `{param}` names of an AWS-syntax path, as a union of string literals. */
export type PathParamName<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamName<Rest>
  : never;
/** A route's path parameters, typed from its path: every `{param}` is present once validated. */
export type ParamsOf<R extends RouteDefinition> = { readonly [K in PathParamName<R['path']>]: string };

/** Fills `{param}` placeholders, encoding each value. */
export const buildPath = (path: string, params: Record<string, string> = {}): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name}`);
    return encodeURIComponent(value);
  });

export const pathParamNames = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
