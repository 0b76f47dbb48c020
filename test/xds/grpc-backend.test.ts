/**
 * The end-to-end test's backends (./grpc-backend.mjs, a gRPC server on node:http2) are real gRPC
 * servers for what the test uses: an @grpc/grpc-js client gets the backend's key, an unknown
 * method is UNIMPLEMENTED, and on the wire the response has gRPC's content type, one
 * length-prefixed message and a grpc-status trailer; malformed requests are refused.
 */
import http2 from 'node:http2';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frame, METHOD, startBackend, unframe } from './grpc-backend.mjs';

const KEY = '10.244.0.10:8080';
let backend: { port: number; close(): Promise<void> };
let client: grpc.Client;
let session: http2.ClientHttp2Session;

beforeAll(async () => {
  backend = await startBackend(KEY);
  client = new grpc.Client(`127.0.0.1:${backend.port}`, grpc.credentials.createInsecure());
  session = http2.connect(`http://127.0.0.1:${backend.port}`);
});
afterAll(async () => {
  client.close();
  session.close();
  await backend.close();
});

const identity = (b: Buffer) => b;
function unary(path: string): Promise<{ error: grpc.ServiceError | null; value: string | undefined }> {
  return new Promise((resolve) =>
    client.makeUnaryRequest(path, identity, identity, Buffer.alloc(0), { deadline: Date.now() + 10_000 }, (error, value) =>
      resolve({ error, value: value?.toString() }),
    ),
  );
}

interface Raw {
  readonly headers: http2.IncomingHttpHeaders;
  readonly body: Buffer;
  readonly trailers: http2.IncomingHttpHeaders;
}
function raw(headers: http2.OutgoingHttpHeaders, body: Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = session.request(headers, { endStream: false });
    let got: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    req.on('response', (h) => (got = h));
    req.on('trailers', (t) => (trailers = t));
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => resolve({ headers: got, body: Buffer.concat(chunks), trailers }));
    req.on('error', reject);
    req.end(body);
  });
}
const grpcHeaders = { ':method': 'POST', ':path': METHOD, 'content-type': 'application/grpc', te: 'trailers' };
/** The call's grpc-status: in the trailers, or in the headers of a trailers-only response. */
const statusOf = (r: Raw) => r.trailers['grpc-status'] ?? r.headers['grpc-status'];

describe('the e2e backends are gRPC servers (node:http2)', () => {
  it('an @grpc/grpc-js client gets the backend’s key', async () => {
    const r = await unary(METHOD);
    expect(r.error).toBeNull();
    expect(r.value).toBe(KEY);
  });

  it('an unknown method is UNIMPLEMENTED', async () => {
    const r = await unary('/kt.Who/Other');
    expect(r.error?.code).toBe(grpc.status.UNIMPLEMENTED);
  });

  it('on the wire: 200, application/grpc, one length-prefixed message, grpc-status 0 in the trailers', async () => {
    const r = await raw(grpcHeaders, frame(Buffer.alloc(0)));
    expect(r.headers[':status']).toBe(200);
    expect(r.headers['content-type']).toBe('application/grpc');
    expect(r.headers['grpc-status']).toBeUndefined();
    expect(r.body).toEqual(frame(Buffer.from(KEY)));
    expect(unframe(r.body)).toEqual([Buffer.from(KEY)]);
    expect(r.trailers['grpc-status']).toBe('0');
  });

  it('application/grpc+proto is gRPC too', async () => {
    const r = await raw({ ...grpcHeaders, 'content-type': 'application/grpc+proto' }, frame(Buffer.alloc(0)));
    expect(statusOf(r)).toBe('0');
  });

  it('a request that is not gRPC gets HTTP 415', async () => {
    expect((await raw({ ...grpcHeaders, 'content-type': 'application/json' }, Buffer.from('{}'))).headers[':status']).toBe(415);
    expect((await raw({ ...grpcHeaders, 'content-type': 'application/grpcx' }, frame(Buffer.alloc(0)))).headers[':status']).toBe(415);
    expect((await raw({ ':method': 'GET', ':path': METHOD }, Buffer.alloc(0))).headers[':status']).toBe(415);
  });

  it('malformed unary requests end with INTERNAL (13), trailers-only', async () => {
    const compressed = frame(Buffer.from('x'));
    compressed[0] = 1;
    const cases: [string, Buffer][] = [
      ['no message', Buffer.alloc(0)],
      ['two messages', Buffer.concat([frame(Buffer.alloc(0)), frame(Buffer.alloc(0))])],
      ['a compressed message', compressed],
      ['a cut prefix', Buffer.from([0, 0, 0])],
      ['a cut message', frame(Buffer.from('abc')).subarray(0, 6)],
    ];
    for (const [what, body] of cases) {
      const r = await raw(grpcHeaders, body);
      expect(r.headers[':status'], what).toBe(200);
      expect(r.headers['grpc-status'], what).toBe('13');
      expect(r.body.length, what).toBe(0);
    }
  });
});
