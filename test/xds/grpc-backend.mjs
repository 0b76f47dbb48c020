// A minimal gRPC server on node:http2 for the end-to-end test's backends: one unary method,
// `/kt.Who/Name`, whose response message is the backend's own key (the dump's `IP:port`), so the
// test sees which endpoint answered. It costs about half the CPU per call of an @grpc/grpc-js
// server (~105 µs against ~210 µs, measured with the same client), and the backends serve
// ~40,000 calls per run. It speaks the gRPC-over-HTTP/2 protocol for what the test uses:
//
// - HTTP/2 over cleartext TCP (no TLS, as the clients' insecure credentials expect);
// - a request is `POST` with `content-type: application/grpc` (or `application/grpc+…`);
//   anything else gets HTTP 415, as the protocol asks of servers;
// - messages are length-prefixed (1 byte compressed flag, 4 bytes big-endian length); a unary
//   request carries exactly one; compression is not offered, so a compressed message, an
//   incomplete frame or a message count other than one ends the call with INTERNAL;
// - the response is `:status 200`, `content-type: application/grpc`, one length-prefixed message
//   and the trailers `grpc-status: 0`; an unknown method is a trailers-only UNIMPLEMENTED.
//
// test/xds/grpc-backend.test.ts checks this with an @grpc/grpc-js client and raw HTTP/2 requests.
import http2 from 'node:http2';

export const METHOD = '/kt.Who/Name';

const { HTTP2_HEADER_STATUS, HTTP2_HEADER_CONTENT_TYPE, HTTP2_HEADER_METHOD, HTTP2_HEADER_PATH } = http2.constants;
const GRPC_CONTENT_TYPE = /^application\/grpc(?:[+;]|$)/;
/** gRPC status codes used here (grpc/doc/statuscodes.md). */
const Status = { OK: 0, UNIMPLEMENTED: 12, INTERNAL: 13 };

/** One length-prefixed gRPC message: flag 0 (uncompressed), big-endian length, the bytes. */
export function frame(message) {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  message.copy(out, 5);
  return out;
}

/**
 * Splits a request body into its messages, or returns an error text: a frame cut short, or a
 * compressed message (no compression is offered).
 */
export function unframe(body) {
  const messages = [];
  for (let at = 0; at < body.length; ) {
    if (body.length - at < 5) return 'incomplete message prefix';
    if (body[at] !== 0) return 'compressed messages are not supported';
    const length = body.readUInt32BE(at + 1);
    if (body.length - at - 5 < length) return 'incomplete message';
    messages.push(body.subarray(at + 5, at + 5 + length));
    at += 5 + length;
  }
  return messages;
}

/** A trailers-only response: the call's status and nothing else (gRPC's "Trailers-Only"). */
function trailersOnly(stream, code, message) {
  stream.respond({ [HTTP2_HEADER_STATUS]: 200, [HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc', 'grpc-status': String(code), 'grpc-message': encodeURIComponent(message) }, { endStream: true });
}

/**
 * Starts one backend on 127.0.0.1 (an ephemeral port) answering {@link METHOD} with `answer`.
 * Resolves with `{ port, close }`.
 */
export async function startBackend(answer) {
  const response = frame(Buffer.from(answer));
  const server = http2.createServer();
  const sessions = new Set();
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('sessionError', () => {});
  server.on('stream', (stream, headers) => {
    // A client that gives up (deadline, cancel) resets its stream; nothing to clean up here.
    stream.on('error', () => {});
    if (headers[HTTP2_HEADER_METHOD] !== 'POST' || !GRPC_CONTENT_TYPE.test(headers[HTTP2_HEADER_CONTENT_TYPE] ?? '')) {
      stream.respond({ [HTTP2_HEADER_STATUS]: 415 }, { endStream: true });
      return;
    }
    if (headers[HTTP2_HEADER_PATH] !== METHOD) {
      stream.resume();
      trailersOnly(stream, Status.UNIMPLEMENTED, `unknown method ${headers[HTTP2_HEADER_PATH]}`);
      return;
    }
    const chunks = [];
    stream.on('data', (d) => chunks.push(d));
    stream.on('end', () => {
      if (stream.destroyed) return;
      const messages = unframe(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      if (typeof messages === 'string' || messages.length !== 1) {
        trailersOnly(stream, Status.INTERNAL, typeof messages === 'string' ? messages : `a unary call needs one request message, got ${messages.length}`);
        return;
      }
      stream.respond({ [HTTP2_HEADER_STATUS]: 200, [HTTP2_HEADER_CONTENT_TYPE]: 'application/grpc' }, { waitForTrailers: true });
      stream.once('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(Status.OK) }));
      stream.end(response);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    close() {
      const closed = new Promise((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.destroy();
      return closed;
    },
  };
}
