import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../../functions/manifest';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** An invocation ran past its function's timeout: the caller gets this, as from Lambda's `Invoke`. */
export class LambdaTimeoutError extends Error {
  constructor(fn: FunctionDefinition, seconds: number) {
    super(`${fn.name}: Task timed out after ${seconds.toFixed(2)} seconds`);
    this.name = 'Sandbox.Timedout';
  }
}

const loaded = new Map<string, Promise<Handler>>();

/**
 * Imports a function's handler once, like a warm Lambda container, and invokes it within the manifest's
 * `timeoutSeconds`: past it the invocation fails with {@link LambdaTimeoutError}. The handler's work
 * cannot be frozen the way Lambda freezes it, so it runs on unobserved, like a container about to be
 * recycled.
 */
export const invoke = async (fn: FunctionDefinition, event: unknown): Promise<unknown> => {
  let handler = loaded.get(fn.name);
  if (!handler) {
    handler = import(pathToFileURL(resolve(fn.entry)).href).then((module: { handler?: Handler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${fn.entry} exports no handler`);
      return module.handler;
    });
    loaded.set(fn.name, handler);
  }
  const timeoutSeconds = fn.timeoutSeconds ?? 10;
  const deadline = Date.now() + timeoutSeconds * 1000;
  const context = {
    awsRequestId: randomUUID(),
    functionName: `portico-${fn.name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:portico-${fn.name}`,
    memoryLimitInMB: String(fn.memoryMb ?? 512),
    logGroupName: `/aws/lambda/portico-${fn.name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  } satisfies Context;
  const run = (await handler)(event, context);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LambdaTimeoutError(fn, timeoutSeconds)),
      Math.max(0, deadline - Date.now()),
    );
  });
  // After a timeout nobody awaits the run any more; its late failure must not crash the process.
  run.catch(() => undefined);
  try {
    return await Promise.race([run, timedOut]);
  } finally {
    clearTimeout(timer);
  }
};
