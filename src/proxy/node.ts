/**
 * The client's node: its name and zone, from any of the accepted shapes.
 *
 * @module
 * @internal
 */
import { checkKind } from '../model/kinds.js';
import { ZONE_LABEL } from '../model/labels.js';
import { type Reader, at, isRec, label, refuseMisplaced } from '../model/read.js';

/** The identity kube-proxy runs with: its node name and the node's zone label. */
export interface NodeIdentity {
  /** The node name; `''` makes no endpoint local (kube-proxy.md §3.7). */
  readonly name: string;
  /** The `topology.kubernetes.io/zone` label, `''` when absent (kube-proxy.md §4.2). */
  readonly zone: string;
  /** The zone label is present (older releases refuse zone mode without it). */
  readonly hasZoneLabel: boolean;
  /**
   * The client named its node. `false` for a client known only by its zone (`{ zone }`: a
   * gateway, a mesh proxy, a client outside the cluster): zone rules apply as for any node of
   * that zone; node rules see a node that holds no endpoint and that no node hint names.
   * Absent means named (identities built by the simulator for its own nodes).
   */
  readonly named?: boolean;
}

/** How {@link readNode} reads its input. */
export interface ReadNodeOptions {
  /** Accept a client known only by its zone (`{ zone }`) as an unnamed node. */
  readonly zoneOnly?: boolean;
  /**
   * Read only a core/v1 Node (name and labels under `metadata`), as the EndpointSlice
   * controller reads a cluster's node list: the client shapes `{ name, zone }` and
   * `{ name, labels }` are not read (their name is missing at `metadata.name`).
   */
  readonly nodeObject?: boolean;
}

/**
 * Reads `{ name, zone? }`, `{ name, labels? }` or a core/v1 Node. An explicit `zone` wins over
 * the labels. With `zoneOnly`, a client known only by its zone (`{ zone }`, or labels with a
 * zone and no name) is accepted as an unnamed node (`named: false`); a client with neither
 * name nor zone still needs its name. With `nodeObject`, only a Node is read. A `nodeName` on a
 * client without `name` is refused (`invalid-value`), not read as a zone-only client.
 */
export function readNode(reader: Reader, input: unknown, path: string, options: ReadNodeOptions = {}): NodeIdentity {
  if (!isRec(input)) {
    reader.fail('invalid-type', path, options.nodeObject === true ? 'a Node object' : 'a node: { name, zone? }, { zone }, { name, labels? } or a core/v1 Node', input);
    return { name: '', zone: '', hasZoneLabel: false, named: false };
  }
  checkKind(reader, input, 'Node', path);
  const meta = reader.object(input, 'metadata', path) ?? (options.nodeObject === true ? {} : undefined);
  const holder = meta ?? input;
  const holderPath = meta ? at(path, 'metadata') : path;
  const name = reader.string(holder, 'name', holderPath);
  const labels = reader.stringMap(holder, 'labels', holderPath);
  const zone = meta ? undefined : reader.string(input, 'zone', path);
  const labelled = label(labels, ZONE_LABEL);
  const chosen = zone ?? labelled;
  const hasZone = chosen !== undefined && chosen !== '';
  const nameMissing = holder['name'] === undefined || holder['name'] === null;
  // `nodeName` is how an endpoint or a Pod names its node. On a client without `name` it would be
  // ignored and, with a zone, the client read as known only by its zone: no endpoint local to it.
  if (meta === undefined && nameMissing) refuseMisplaced(reader, input, path, ['nodeName'], "a client node's name goes in name: { name, zone }");
  if (nameMissing && !(options.zoneOnly === true && hasZone)) {
    reader.fail('required', at(holderPath, 'name'), options.zoneOnly === true ? 'the node name (a string), or at least its zone' : 'the node name (a string)', holder['name']);
  }
  return { name: name ?? '', zone: chosen ?? '', hasZoneLabel: hasZone, named: name !== undefined };
}

/**
 * The `{ name, zone? }` shape read without a {@link Reader}: the hot path of prepared queries.
 * Anything else (labels, a Node, a malformed value) returns `undefined` for the checked path.
 */
export function fastNode(input: unknown): NodeIdentity | undefined {
  if (!isRec(input) || input['metadata'] !== undefined || input['labels'] !== undefined) return undefined;
  const name = input['name'];
  const zone = input['zone'];
  if (typeof name !== 'string') return undefined;
  if (zone === undefined || zone === null) return { name, zone: '', hasZoneLabel: false, named: true };
  if (typeof zone !== 'string') return undefined;
  return { name, zone, hasZoneLabel: zone !== '', named: true };
}
