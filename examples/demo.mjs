// kube-traffic demo: reads a bundled cluster dump (what `kubectl get svc,endpointslices,nodes -A -o json`
// prints) and shows, for client nodes in three zones, which endpoints kube-proxy lets each reach, and why.
// Run: npm run demo
import { readFileSync } from 'node:fs';
import { categorizeEndpoints, computeHints, isLocal, selectEndpoints } from 'kube-traffic';

const dump = JSON.parse(readFileSync(new URL('./cluster.json', import.meta.url), 'utf8'));
const services = dump.items.filter((o) => o.kind === 'Service');
const slices = dump.items.filter((o) => o.kind === 'EndpointSlice');
const nodes = dump.items.filter((o) => o.kind === 'Node');
const clients = ['node-a1', 'node-b2', 'node-c2'].map((name) => nodes.find((n) => n.metadata.name === name));

/** The explanation's reason: why traffic is dropped or rejected, else how the topology mode was chosen. */
function why(flow) {
  const steps = flow.explanation;
  return (steps.find((s) => s.code === 'flow-drop' || s.code === 'flow-reject') ?? steps.find((s) => s.code.startsWith('topology-')))?.message ?? '';
}

const line = '-'.repeat(78);
for (const service of services) {
  const { name, namespace, annotations = {} } = service.metadata;
  const setting = service.spec.trafficDistribution
    ? `trafficDistribution: ${service.spec.trafficDistribution}`
    : annotations['service.kubernetes.io/topology-mode']
      ? `topology-mode: ${annotations['service.kubernetes.io/topology-mode']}`
      : `internalTrafficPolicy: ${service.spec.internalTrafficPolicy}, externalTrafficPolicy: ${service.spec.externalTrafficPolicy ?? '-'}`;
  console.log(line);
  console.log(`${namespace}/${name}  (${service.spec.type}, ${setting})`);

  // The controller's half: what hints the EndpointSlice controller writes for this Service.
  const { outcome } = computeHints({ service, endpointSlices: slices, nodes });
  console.log(`  controller: ${outcome.path}, ${outcome.cause}${outcome.event ? ` — event ${outcome.event.reason}: ${outcome.event.message}` : ''}`);

  // kube-proxy's half, on each client node, from the slices as they are in the dump.
  for (const node of clients) {
    const r = categorizeEndpoints({ service, endpointSlices: slices, node, port: 'http' });
    if (r.kind === 'not-proxied') {
      console.log(`  ${node.metadata.name}: not proxied: ${r.message}`);
      continue;
    }
    const flow = selectEndpoints({ service, endpointSlices: slices, node, port: 'http', explain: true });
    const zone = node.metadata.labels['topology.kubernetes.io/zone'];
    const reach = r.allReachableEndpoints.map((e) => `${e.key}${isLocal(r, e) ? '*' : ''}`).join(' ') || '(none)';
    console.log(`  ${node.metadata.name} (${zone}): ${flow.action.toUpperCase()} via the ${flow.policy} list; reaches ${reach}`);
    console.log(`      why: ${why(flow)}`);
    if (service.spec.externalTrafficPolicy === 'Local') {
      const ext = selectEndpoints({ service, endpointSlices: slices, node, port: 'http', via: 'loadBalancer', from: 'outside' });
      console.log(`      from outside via the load balancer: ${ext.action.toUpperCase()} (${ext.policy} list, ${ext.endpoints.length} local endpoint${ext.endpoints.length === 1 ? '' : 's'})`);
    }
  }
}
console.log(line);
console.log('* = endpoint on the client node itself');
