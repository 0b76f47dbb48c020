// Strict proto3-JSON → protobuf encoding against the real Envoy v3 protos that
// @grpc/grpc-js-xds ships (the one list in examples/xds/envoy-protos.mjs, which the example
// control plane loads too). Used by the test ADS server to put kube-traffic/xds' plain objects
// on the wire, and by the unit tests to prove every object is valid proto3 JSON: an unknown
// field, a wrong type or an Any whose `@type` does not resolve throws instead of being dropped.
import { accessSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';
import { ENVOY_INCLUDE_DIRS, ENVOY_PROTO_FILES } from '../../examples/xds/envoy-protos.mjs';

const require = createRequire(import.meta.url);
const protobufDir = dirname(require.resolve('protobufjs/package.json'));

function loadRoot() {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    // protobufjs has the well-known types built in, and ships descriptor.proto.
    if (target in protobuf.common) return target;
    for (const dir of [...ENVOY_INCLUDE_DIRS, protobufDir]) {
      const full = join(dir, target);
      try {
        accessSync(full);
        return full;
      } catch {
        /* next include dir */
      }
    }
    return protobuf.util.path.resolve(origin, target);
  };
  root.loadSync([...ENVOY_PROTO_FILES], { keepCase: false });
  root.resolveAll();
  return root;
}

/** The Envoy protos, field names in lowerCamelCase (proto3 JSON names). */
export const root = loadRoot();

const WRAPPERS = new Set(['DoubleValue', 'FloatValue', 'Int64Value', 'UInt64Value', 'Int32Value', 'UInt32Value', 'BoolValue', 'StringValue', 'BytesValue'].map((n) => `.google.protobuf.${n}`));

/** The message type named by an Any's `@type` (`type.googleapis.com/NAME`). */
export function typeOfUrl(typeUrl) {
  const name = String(typeUrl).slice(String(typeUrl).lastIndexOf('/') + 1);
  return root.lookupType(name);
}

/** Converts proto3 JSON for `type` into protobufjs' object form (throws on anything unknown). */
function convert(type, json, path) {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new Error(`${path}: expected an object for ${type.fullName}, got ${JSON.stringify(json)}`);
  const out = {};
  for (const [key, value] of Object.entries(json)) {
    if (key === '@type') continue;
    const field = type.fields[key];
    if (field === undefined) throw new Error(`${path}.${key}: no such field in ${type.fullName}`);
    if (field.map) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertValue(field, v, `${path}.${key}[${k}]`)]));
    } else if (field.repeated) {
      if (!Array.isArray(value)) throw new Error(`${path}.${key}: expected an array`);
      out[key] = value.map((v, i) => convertValue(field, v, `${path}.${key}[${i}]`));
    } else {
      out[key] = convertValue(field, value, `${path}.${key}`);
    }
  }
  return out;
}

function convertValue(field, value, path) {
  const t = field.resolvedType;
  if (t instanceof protobuf.Enum) {
    if (typeof value !== 'string' || !(value in t.values)) throw new Error(`${path}: ${JSON.stringify(value)} is not a value of ${t.fullName}`);
    return value;
  }
  if (t instanceof protobuf.Type) {
    if (t.fullName === '.google.protobuf.Any') {
      const any = encodeAny(value, path);
      // protobufjs' built-in Any keeps the proto field names.
      return { type_url: any.typeUrl, value: any.value };
    }
    if (WRAPPERS.has(t.fullName)) {
      // proto3 JSON writes a wrapper as its bare value.
      if (typeof value === 'object') throw new Error(`${path}: a ${t.fullName} is written as a bare value in proto3 JSON`);
      return { value };
    }
    if (t.fullName === '.google.protobuf.Duration') {
      const m = /^(-?\d+)(?:\.(\d{1,9}))?s$/.exec(value);
      if (!m) throw new Error(`${path}: ${JSON.stringify(value)} is not a proto3 JSON Duration`);
      return { seconds: Number(m[1]), nanos: Number((m[2] ?? '').padEnd(9, '0')) };
    }
    if (t.fullName === '.google.protobuf.Struct') return value;
    return convert(t, value, path);
  }
  // Scalars.
  const expected = ['string', 'bytes'].includes(field.type) ? 'string' : field.type === 'bool' ? 'boolean' : 'number';
  if (typeof value !== expected && !(expected === 'number' && typeof value === 'string' && /^-?\d+$/.test(value) && /64$/.test(field.type))) {
    throw new Error(`${path}: expected a ${field.type}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Encodes a proto3-JSON object carrying `@type` into `{ typeUrl, value }` (an Any). */
export function encodeAny(json, path = '$') {
  if (json === null || typeof json !== 'object' || typeof json['@type'] !== 'string') throw new Error(`${path}: an Any needs "@type"`);
  const type = typeOfUrl(json['@type']);
  const object = convert(type, json, path);
  return { typeUrl: json['@type'], value: type.encode(type.fromObject(object)).finish() };
}

/** Decodes an Any back to the protobufjs object form (defaults omitted, nested Anys decoded), for assertions. */
export function decodeAny(any) {
  const type = typeOfUrl(any.typeUrl);
  return expandAnys(type.toObject(type.decode(any.value), { enums: String, longs: Number }));
}

function expandAnys(value) {
  if (Array.isArray(value)) return value.map(expandAnys);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  // A wrapper (UInt32Value…) comes back as { value }: proto3 JSON writes it bare.
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'value' && ['number', 'string', 'boolean'].includes(typeof value.value)) return value.value;
  if (typeof value.type_url === 'string' && value.value instanceof Uint8Array) return { '@type': value.type_url, ...decodeAny({ typeUrl: value.type_url, value: value.value }) };
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandAnys(v)]));
}
