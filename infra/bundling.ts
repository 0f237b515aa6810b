import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BuildOptions, Plugin } from 'esbuild';

const require = createRequire(import.meta.url);

/**
 * zod's classic API registers every locale (≈ 260 KB minified) although only English messages are
 * used; this plugin hands the bundle a locales module with English alone.
 */
export const englishOnlyZodLocales: Plugin = {
  name: 'english-only-zod-locales',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? { path: args.importer, namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(new URL('../locales/en.js', `file://${args.path}`).pathname)};`,
      loader: 'js',
      resolveDir: '/',
    }));
  },
};

/**
 * gaxios loads node-fetch, with its stream, blob and form-data polyfills (≈ 90 KB), unless it is given a
 * fetch: Portico's Google clients hand it Node's own (`fetchImplementation` in `shared/google/oauth.ts`), so
 * the bundle gets a module that is Node's fetch too.
 */
export const nativeFetchForGaxios: Plugin = {
  name: 'native-fetch-for-gaxios',
  setup(build) {
    build.onResolve({ filter: /^node-fetch$/ }, (args) =>
      args.importer.includes('/node_modules/gaxios/')
        ? { path: 'node-fetch', namespace: 'native-fetch' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'native-fetch' }, () => ({
      contents: 'export default globalThis.fetch;',
      loader: 'js',
    }));
  },
};

/**
 * `@googleapis/calendar`'s v3 module takes one function, `createAPIRequest`, from googleapis-common, whose
 * index also loads all of google-auth-library (GoogleAuth, JWT, gtoken, gcp-metadata, bignumber.js, ≈ 90 KB):
 * the bundle imports that function's own module instead.
 */
export const calendarApiRequestOnly: Plugin = {
  name: 'calendar-api-request-only',
  setup(build) {
    build.onResolve({ filter: /^googleapis-common$/ }, (args) =>
      /\/node_modules\/@googleapis\/calendar\/build\/v3\.js$/.test(args.importer)
        ? { path: require.resolve('googleapis-common/build/src/apirequest.js') }
        : undefined,
    );
  },
};

/**
 * googleapis-common builds its query strings with `qs`, which brings its own helpers (≈ 40 KiB); the bundle
 * gets a module that does what Google's request code asks of it (`infra/bundled/query-string.ts`). Its
 * HTTP/2 path falls back to `qs.stringify` only without the serializer every API request sets.
 */
export const googleQueryStrings: Plugin = {
  name: 'google-query-strings',
  setup(build) {
    build.onResolve({ filter: /^qs$/ }, (args) =>
      args.importer.includes('/node_modules/googleapis-common/')
        ? { path: fileURLToPath(new URL('./bundled/query-string.ts', import.meta.url)) }
        : undefined,
    );
  },
};

/**
 * Every AWS SDK client takes the default credential chain, which can also load SSO, STS, web identity,
 * container and instance-metadata providers (≈ 100 KB with their nested clients). Lambda always hands a
 * function its role's credentials in the environment, so the bundle's chain is that one provider.
 */
export const lambdaEnvironmentCredentials: Plugin = {
  name: 'lambda-environment-credentials',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, () => ({
      path: 'credential-provider-node',
      namespace: 'lambda-credentials',
    }));
    build.onLoad({ filter: /.*/, namespace: 'lambda-credentials' }, () => ({
      contents: [
        "import { fromEnv } from '@aws-sdk/credential-provider-env';",
        'export const defaultProvider = (init) => fromEnv(init);',
      ].join('\n'),
      loader: 'js',
      // Resolved from the project, so the bundle gets the provider's ES modules like the rest of the SDK.
      resolveDir: fileURLToPath(new URL('..', import.meta.url)),
    }));
  },
};

/** zod's modules that turn schemas into JSON Schema and back. */
const zodJsonSchemaModules =
  /\/(to-json-schema|json-schema-processors|json-schema-generator|from-json-schema)\.js$/;

/** The names a module exports: `export function|const|class name` and `export { a as b }`. */
const exportNames = (source: string): string[] => [
  ...[...source.matchAll(/^export (?:async )?(?:function\*?|const|let|class) (\w+)/gm)].map((m) => m[1]!),
  ...[...source.matchAll(/^export \{([^}]+)\}/gm)].flatMap((m) =>
    m[1]!.split(',').map(
      (part) =>
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
    ),
  ),
];

/**
 * zod's JSON Schema code (≈ 27 KB minified: `toJSONSchema`, its processors and `fromJSONSchema`) is for the
 * OpenAPI document, which is built at bundle time (`prebuiltApiDocument`); no function converts a schema
 * at run time. Functions get modules with the same exports that throw when called. The classic schemas
 * build their `toJSONSchema` methods from two factories when a schema is made: those still return a
 * method, the method throws.
 */
export const noZodJsonSchema: Plugin = {
  name: 'no-zod-json-schema',
  setup(build) {
    build.onResolve({ filter: zodJsonSchemaModules }, (args) =>
      args.importer.includes('/node_modules/zod/')
        ? {
            path: fileURLToPath(new URL(args.path, pathToFileURL(args.importer))),
            namespace: 'no-zod-json-schema',
          }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'no-zod-json-schema' }, async (args) => {
      const names = exportNames(await readFile(args.path, 'utf8'));
      const factories = new Set(['createToJSONSchemaMethod', 'createStandardJSONSchemaMethod']);
      return {
        contents: [
          "const unavailable = () => { throw new Error('JSON Schema conversion is not bundled into functions'); };",
          ...names.map((name) =>
            factories.has(name)
              ? `export const ${name} = () => unavailable;`
              : `export const ${name} = unavailable;`,
          ),
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

/**
 * The platform function's OpenAPI document and reference page, built once at bundle time from the module
 * that builds them at load (`functions/platform/api-document.ts`) and inlined as gzipped data.
 */
export const prebuiltApiDocument: Plugin = {
  name: 'prebuilt-api-document',
  setup(build) {
    build.onResolve({ filter: /^\.\/api-document$/ }, (args) =>
      args.importer.endsWith('/functions/platform/handler.ts')
        ? { path: args.importer.replace(/handler\.ts$/, 'api-document.ts'), namespace: 'api-document' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'api-document' }, async (args) => {
      const built = (await import(pathToFileURL(args.path).href)) as {
        openApiDocument: unknown;
        referencePage: string;
      };
      // Gzipped: the document is larger than a bundle's budget as text, and unzips in a few milliseconds.
      const packed = (text: string) => JSON.stringify(gzipSync(text, { level: 9 }).toString('base64'));
      return {
        contents: [
          "import { gunzipSync } from 'node:zlib';",
          "const unpacked = (data) => gunzipSync(Buffer.from(data, 'base64')).toString('utf8');",
          `export const openApiDocument = JSON.parse(unpacked(${packed(JSON.stringify(built.openApiDocument))}));`,
          `export const referencePage = unpacked(${packed(built.referencePage)});`,
        ].join('\n'),
        loader: 'js',
      };
    });
  },
};

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const projectCode = /^(shared|functions)\//;
/** A file's path in the project (`shared/http/text.ts`) if it is Portico's own code; else undefined. */
const projectFile = (path: string): string | undefined => {
  const relative = path.startsWith(projectRoot) ? path.slice(projectRoot.length) : '';
  return projectCode.test(relative) ? relative : undefined;
};
/** The one module that does something when imported: it gives zod its English messages. */
const zodWithMessages = 'shared/schema/zod.ts';

/**
 * Portico's own modules do nothing when imported but define things (clients are created on first use), so
 * the bundle may leave out a module none of whose exports a function uses (all but `zodWithMessages`): a
 * module's public entry then brings only what is taken from it, not everything it re-exports.
 */
export const projectCodeWithoutSideEffects: Plugin = {
  name: 'project-code-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === projectCodeWithoutSideEffects.name) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: projectCodeWithoutSideEffects.name,
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      const file = projectFile(resolved.path);
      return file && file !== zodWithMessages ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

type TypeScript = typeof import('typescript');

/**
 * Whether evaluating an expression calls anything (a call, `new` or a tagged template outside a function
 * body), which esbuild must keep; and whether it awaits, which a wrapping function could not.
 */
const evaluation = (ts: TypeScript, node: import('typescript').Node): { calls: boolean; awaits: boolean } => {
  const found = { calls: false, awaits: false };
  const visit = (child: import('typescript').Node): void => {
    if (ts.isFunctionLike(child) || ts.isClassLike(child)) return;
    if (ts.isCallExpression(child) || ts.isNewExpression(child) || ts.isTaggedTemplateExpression(child))
      found.calls = true;
    if (ts.isAwaitExpression(child)) found.awaits = true;
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
};

/**
 * Wraps the value of each top-level `const` that calls something in `/* @__PURE__ *\/ (() => (…))()`, so
 * that esbuild may drop it when nothing in the bundle uses it. A pure call's arguments are still kept for
 * their side effects, so the value is wrapped whole. Portico's modules do nothing when imported but define
 * things (see `projectCodeWithoutSideEffects`): a value built at load (a schema, a route, a client) matters
 * only to the code that uses it.
 */
export const wrapTopLevelValues = (ts: TypeScript, source: string, fileName: string): string => {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const spans: { start: number; end: number }[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const))
      continue;
    for (const { initializer } of statement.declarationList.declarations) {
      if (!initializer) continue;
      const { calls, awaits } = evaluation(ts, initializer);
      if (calls && !awaits) spans.push({ start: initializer.getStart(file), end: initializer.end });
    }
  }
  let wrapped = source;
  for (const { start, end } of spans.reverse())
    wrapped = `${wrapped.slice(0, start)}/* @__PURE__ */ (() => (${wrapped.slice(start, end)}))()${wrapped.slice(end)}`;
  return wrapped;
};

const typescriptCompiler = async () => (await import('typescript')).default;
const wrappedSources = new Map<string, { mtimeMs: number; contents: string }>();

/**
 * A function takes a few schemas from a contracts module and would build all of its schemas and routes at
 * load, a few microseconds each, a thousand and more a function. With the values of Portico's modules
 * marked pure (`wrapTopLevelValues`), a bundle builds only what its own code reaches. A process that bundles
 * several functions (the benchmark) parses each source once.
 */
export const unusedValuesLeftOut: Plugin = {
  name: 'unused-values-left-out',
  setup(build) {
    build.onLoad({ filter: /\.ts$/, namespace: 'file' }, async (args) => {
      if (!projectFile(args.path)) return undefined;
      const { mtimeMs } = await stat(args.path);
      const cached = wrappedSources.get(args.path);
      if (cached?.mtimeMs === mtimeMs) return { contents: cached.contents, loader: 'ts' };
      const source = await readFile(args.path, 'utf8');
      const contents = wrapTopLevelValues(await typescriptCompiler(), source, args.path);
      wrappedSources.set(args.path, { mtimeMs, contents });
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * How every Lambda is bundled, for the CDK stack and the benchmark alike: `<outdir>/index.mjs` and, split
 * off it, `chunks/` holding what the code only imports on demand (`await import(…)`: the SES and Secrets
 * Manager clients, for instance). A cold start compiles the entry and what it imports; a chunk is read and
 * compiled when a request first needs it.
 */
export const lambdaBuildOptions = (entry: string, outdir: string): BuildOptions => ({
  entryPoints: [entry],
  outdir,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  minify: true,
  sourcemap: false,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  mainFields: ['module', 'main'],
  // ESM bundles still meet CommonJS dependencies that call require().
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  plugins: [
    projectCodeWithoutSideEffects,
    unusedValuesLeftOut,
    englishOnlyZodLocales,
    noZodJsonSchema,
    nativeFetchForGaxios,
    calendarApiRequestOnly,
    googleQueryStrings,
    lambdaEnvironmentCredentials,
    prebuiltApiDocument,
  ],
  logLevel: 'silent',
});
