import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionDefinition } from '../../functions/manifest';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const loaded = new Map<string, Promise<Handler>>();

/** Imports a function's handler once, like a warm Lambda container, and invokes it. */
export const invoke = async (fn: FunctionDefinition, event: unknown): Promise<unknown> => {
  let handler = loaded.get(fn.name);
  if (!handler) {
    handler = import(pathToFileURL(resolve(fn.entry)).href).then((module: { handler?: Handler }) => {
      if (typeof module.handler !== 'function') throw new Error(`${fn.entry} exports no handler`);
      return module.handler;
    });
    loaded.set(fn.name, handler);
  }
  const deadline = Date.now() + (fn.timeoutSeconds ?? 10) * 1000;
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
  return (await handler)(event, context);
};
