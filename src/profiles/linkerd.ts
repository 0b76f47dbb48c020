/**
 * Linkerd's destination controller (`linkerd@edge-26.8.3`, docs/profile-linkerd.md): one
 * set per meshed client, not-ready endpoints dropped at ingest, zone hints only
 * (controller/api/destination/watcher: port_publisher.go, filtered_listener_group.go).
 *
 * @module
 * @internal
 */
import type { Endpoint } from '../model/endpoint.js';
import { type FlowChoice, type ProfileDecision, type ProfileRules, Steps, endpointOf, notPinned, sortEndpoints } from './decision.js';

const ID = 'linkerd@edge-26.8.3';

export const linkerd: ProfileRules = {
  rules: {
    L1: 'one set per meshed client: iTP Local gives the node-local set, anything else the cluster-wide set; eTP is not read',
    L2: 'endpoints with ready: false are dropped at ingest; no serving-terminating fallback',
    L3: 'zone hints only: one address without a zone hint keeps all, else those hinted for the client zone, else all; forNodes is never read',
    L4: 'iTP Local keeps addresses of Pods on the client node; hints are ignored; endpoints without a Pod are never local',
    L5: 'the Service port is found by number, the slice port by the Service port name (a missing name reads ""); protocol is not compared',
    L6: 'endpoints without a targetRef give every address; a Pod gives one address (the last listed); other target kinds give none; IPv6 is dropped (disableIPv6)',
  },
  onEmpty: null,

  decide(input): ProfileDecision {
    const s = new Steps(ID);
    const node = input.node;
    // L5: endpoints_watcher.go getTargetPort — the first Service port with this number names the slice port.
    const svcPort = input.service.ports.find((p) => p.port === input.port.port) ?? input.service.ports[0]!;
    const byPod = new Map<string, Endpoint>();
    const byAddress = new Map<string, Endpoint>();
    const local = new Set<Endpoint>();
    const dropped: { key: string; path: string }[] = [];
    const unpublished: { key: string; why: string }[] = [];
    for (const slice of input.slices) {
      if (slice.addressType !== 'IPv4' && slice.addressType !== 'IPv6') continue;
      // port_publisher.go resolveESTargetPort: the first slice port with that name.
      const sp = slice.ports.find((p) => (p.name ?? '') === svcPort.name);
      if (sp === undefined || sp.port === null) continue;
      for (const raw of slice.endpoints) {
        // L6: Helm default disableIPv6 — only IPv4 addresses are published.
        const v4 = raw.addresses.filter((a) => a.family === 'IPv4');
        // Node-local: a Pod whose nodeName is this node's (non-empty) name.
        const isLocal = raw.pod !== null && raw.nodeName !== null && raw.nodeName !== '' && raw.nodeName === node.name;
        if (raw.ready === false) {
          // L2: endpointSliceToAddresses skips not-ready endpoints.
          for (const a of v4) dropped.push({ key: endpointOf({ ip: a.ip, family: a.family, port: sp.port, raw }).key, path: raw.path });
          continue;
        }
        // L6: endpointSliceToAddresses (port_publisher.go@19a0d90 L154–225) publishes an endpoint
        // without targetRef, a Pod's, or an ExternalWorkload's; any other target kind gives nothing.
        if (raw.targetKind === 'ExternalWorkload') {
          notPinned(ID, `${raw.path}.targetRef`, 'an endpoint backed by an ExternalWorkload: Linkerd publishes it from the ExternalWorkload object, which the input does not carry');
        }
        if (raw.targetKind !== null && raw.pod === null) {
          const why = raw.targetKind === 'Pod' ? 'a Pod targetRef without a name (Linkerd finds no Pod to publish)' : `a targetRef of kind ${JSON.stringify(raw.targetKind)}, which Linkerd never publishes (only Pods, ExternalWorkloads and endpoints without a targetRef)`;
          for (const a of v4) unpublished.push({ key: endpointOf({ ip: a.ip, family: a.family, port: sp.port, raw }).key, why });
          continue;
        }
        if (raw.pod !== null) {
          const last = v4[v4.length - 1];
          if (last !== undefined) {
            const e = endpointOf({ ip: last.ip, family: last.family, port: sp.port, raw });
            byPod.set(raw.pod, e);
            if (isLocal) local.add(e);
          }
        } else for (const a of v4) {
          const e = endpointOf({ ip: a.ip, family: a.family, port: sp.port, raw });
          if (isLocal) local.add(e);
          byAddress.set(e.key, e);
        }
      }
    }
    const seen = new Map<string, Endpoint>();
    for (const e of [...byAddress.values(), ...byPod.values()]) {
      if (seen.has(e.key)) notPinned(ID, '$.endpointSlices', `${e.key} published twice (by a Pod and as a plain address, or by two Pods); which one Linkerd keeps was not read`);
      seen.set(e.key, e);
    }
    const all = [...seen.values()];
    const itpLocal = input.service.internalTrafficPolicy === 'Local';
    const listName = itpLocal ? 'local' : 'cluster';
    s.rule('L1', `Linkerd serves meshed clients one set, chosen by internalTrafficPolicy ${input.service.internalTrafficPolicy}; externalTrafficPolicy is not read`, { list: listName });
    let list: readonly Endpoint[];
    // Why an address is published: the rule and its words, the same for every published address.
    let published = { rule: 'L4', why: `a Pod on node ${node.name}` };
    if (itpLocal) {
      list = all.filter((e) => local.has(e));
    } else {
      // L3: filtered_listener_group.go filterAddresses.
      const unhinted = all.find((e) => e.zoneHints.length === 0);
      const forZone = all.filter((e) => e.zoneHints.includes(node.zone));
      if (unhinted !== undefined) {
        list = all;
        published = { rule: 'L3', why: `no address is filtered, because ${unhinted.key} has no zone hint` };
        s.rule('L3', `${unhinted.key} has no zone hint, so no address is filtered`, {}, unhinted.key);
      } else if (forZone.length === 0) {
        list = all;
        published = { rule: 'L3', why: `no address is filtered, because none is hinted for zone ${JSON.stringify(node.zone)}` };
        s.rule('L3', `no address is hinted for zone ${JSON.stringify(node.zone)}, so none is filtered`, { zone: node.zone });
      } else {
        list = forZone;
        published = { rule: 'L3', why: `hinted for zone ${node.zone}, the client's` };
        s.rule('L3', `every address is zone-hinted: those hinted for zone ${node.zone} are kept (node hints are never read)`, { zone: node.zone });
      }
    }
    const sorted = sortEndpoints(list);
    for (const e of all) {
      if (list.includes(e)) s.verdict(itpLocal ? 'endpoint-in-local' : 'endpoint-in-cluster', listName, e.key, published.rule, `is published to the client: ${published.why}`);
      else if (itpLocal) s.verdict('endpoint-not-local', listName, e.key, 'L4', e.nodeName === null || e.nodeName === '' || e.nodeName === node.name ? 'has no Pod behind it, so it is never node-local' : 'is a Pod on another node');
      else s.verdict('endpoint-other-zone', listName, e.key, 'L3', `is not hinted for zone ${node.zone}`);
    }
    for (const d of dropped) s.verdict('endpoint-not-ready', listName, d.key, 'L2', 'is not ready, so Linkerd never publishes it (no serving-terminating fallback)');
    for (const u of unpublished) s.verdict('profile-rule', listName, u.key, 'L6', `is not published: it has ${u.why}`);
    return { cluster: itpLocal ? null : sorted, local: itpLocal ? sorted : null, tiers: null, steps: s.out, all };
  },

  flow(input, _d, via, from): FlowChoice {
    if (via !== 'clusterIP' || from !== 'pod') notPinned(ID, '$.via', `${via} traffic from ${from}: Linkerd resolves only in-mesh traffic from a meshed Pod to the Service`);
    const itpLocal = input.service.internalTrafficPolicy === 'Local';
    return { list: itpLocal ? 'local' : 'cluster', rule: 'L1', message: 'in-mesh traffic gets the one set internalTrafficPolicy chooses' };
  },
};
