import { describe, expect, it } from 'vitest';
import { api, signInAs } from '../../test/integ/api';
import { newTicket, openSocket, putItem, TestClient, wsUrl } from '../../test/integ/ws';
import { newOpaqueToken } from '../auth/tokens';
import { realtimeKeys } from '../db/keys';

/** A text frame whose payload is not UTF-8; ws refuses to build one, so it is written to the socket raw. */
const invalidUtf8Frame = () => {
  const payload = Buffer.from([0x7b, 0xc3, 0x28, 0x7d]);
  const mask = Buffer.from([9, 8, 7, 6]);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
};

const member = () => signInAs('member', 'brightside-plumbing');

describe('connecting to the WebSocket API', () => {
  it('refuses a connection without a ticket, with a used ticket and with a forged one', async () => {
    const { token } = await member();
    await expect(openSocket(wsUrl())).rejects.toThrow('HTTP 401');
    const ticket = await newTicket(token);
    (await openSocket(wsUrl(ticket))).close();
    await expect(openSocket(wsUrl(ticket))).rejects.toThrow('HTTP 401');
    await expect(openSocket(wsUrl('x'.repeat(43)))).rejects.toThrow('HTTP 401');
  });

  it('refuses an expired ticket even though DynamoDB Local never deleted it', async () => {
    const { user } = await member();
    const { token, hash } = newOpaqueToken();
    await putItem({
      ...realtimeKeys.ticket(hash),
      userId: user.id,
      orgId: user.orgId,
      ttl: Math.floor(Date.now() / 1000) - 1,
    });
    await expect(openSocket(wsUrl(token))).rejects.toThrow('HTTP 401');
  });

  it('issues tickets only to signed-in callers', async () => {
    expect((await api('POST', '/api/realtime/tickets')).status).toBe(401);
  });
});

describe('frames a client sends', () => {
  it('answers ping with an ack carrying its reference and the server time', async () => {
    const client = await TestClient.connect((await member()).token);
    const ack = await client.request('ping');
    expect(ack).toMatchObject({ type: 'ack', action: 'ping', ref: 't1' });
    expect(Date.parse(ack.data.at)).not.toBeNaN();
    client.close();
  });

  it('answers frames that are not JSON, name no known action or have the wrong shape with typed errors', async () => {
    const client = await TestClient.connect((await member()).token);
    expect(await client.raw('this is not json')).toMatchObject({ type: 'error', code: 'validation' });
    expect(await client.request('launch-rockets')).toMatchObject({
      type: 'error',
      code: 'validation',
      fields: [{ path: 'action' }],
    });
    expect(await client.request('$connect')).toMatchObject({ type: 'error', code: 'validation' });
    expect(await client.request('presence.heartbeat', { status: 'asleep' })).toMatchObject({
      type: 'error',
      code: 'validation',
      action: 'presence.heartbeat',
      fields: [{ path: 'status' }],
    });
    client.close();
  });

  it('closes only the offending connection for a too-large, an invalid UTF-8 or a binary frame', async () => {
    const { token } = await member();
    const bystander = await TestClient.connect(token);
    const [big, broken, binary] = await Promise.all([
      TestClient.connect(token),
      TestClient.connect(token),
      TestClient.connect(token),
    ]);
    const codes = Promise.all([big.closed(), broken.closed(), binary.closed()]);
    big.socket.send(JSON.stringify({ action: 'ping', v: 1, pad: 'x'.repeat(129 * 1024) }));
    (broken.socket as unknown as { _socket: { write: (data: Buffer) => void } })._socket.write(
      invalidUtf8Frame(),
    );
    binary.socket.send(Buffer.from('{"action":"ping","v":1}'), { binary: true });
    expect(await codes).toEqual([1009, 1007, 1003]);

    expect(await bystander.request('ping')).toMatchObject({ type: 'ack' });
    const newcomer = await TestClient.connect(token);
    expect(await newcomer.request('ping')).toMatchObject({ type: 'ack' });
    bystander.close();
    newcomer.close();
  });
});
