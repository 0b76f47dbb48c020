/**
 * A large, realistic `kubectl get svc,endpointslices,nodes -A -o yaml` dump for the CLI loading
 * benchmark: 1,000 Services (each with one EndpointSlice of 8 endpoints) and 500 Nodes in 3
 * zones, with the fields a real API server prints (managedFields, node images and conditions),
 * about 12 MB as YAML. Deterministic: the same bytes on every run.
 */
import yaml from 'js-yaml';

const zones = ['zone-a', 'zone-b', 'zone-c'];
const ts = '2026-11-30T10:00:00Z';
const managed = (manager) => [{ apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:ports': { '.': {}, 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } }, 'f:selector': {}, 'f:sessionAffinity': {}, 'f:type': {} } }, manager, operation: 'Update', time: ts }];

export function largeDump({ services = 1000, nodes = 500, endpointsPerSlice = 8 } = {}) {
  const nodeList = [];
  for (let i = 0; i < nodes; i++) {
    const zone = zones[i % 3];
    nodeList.push({
      apiVersion: 'v1', kind: 'Node',
      metadata: {
        name: `node-${i}`, uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, resourceVersion: String(100000 + i), creationTimestamp: ts,
        labels: { 'kubernetes.io/hostname': `node-${i}`, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'node.kubernetes.io/instance-type': 'm5.xlarge', 'topology.kubernetes.io/region': 'region-1', 'topology.kubernetes.io/zone': zone },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
        managedFields: managed('kubelet'),
      },
      spec: { podCIDR: `10.${i >> 8}.${i & 255}.0/24`, providerID: `aws:///${zone}/i-${i.toString(16).padStart(17, '0')}` },
      status: {
        addresses: [{ type: 'InternalIP', address: `192.168.${i >> 8}.${i & 255}` }, { type: 'Hostname', address: `node-${i}` }],
        allocatable: { cpu: '3920m', 'ephemeral-storage': '95491281146', memory: '15137632Ki', pods: '110' },
        capacity: { cpu: '4', 'ephemeral-storage': '104845292Ki', memory: '16009568Ki', pods: '110' },
        conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((type) => ({ type, status: type === 'Ready' ? 'True' : 'False', lastHeartbeatTime: ts, lastTransitionTime: ts, reason: `Kubelet${type}`, message: `kubelet reports ${type}` })),
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        images: Array.from({ length: 36 }, (_, j) => ({ names: [`registry.example/team/image-${j}@sha256:${(j * 7919 + i).toString(16).padStart(64, '0')}`, `registry.example/team/image-${j}:v1.${j}.0`], sizeBytes: 10000000 + j * 1234567 })),
        nodeInfo: { architecture: 'amd64', bootID: `boot-${i}`, containerRuntimeVersion: 'containerd://1.7.22', kernelVersion: '6.1.0-27-cloud-amd64', kubeProxyVersion: 'v1.31.2', kubeletVersion: 'v1.31.2', machineID: `m${i}`, operatingSystem: 'linux', osImage: 'Debian GNU/Linux 12 (bookworm)', systemUUID: `s${i}` },
      },
    });
  }
  const svcList = [];
  const sliceList = [];
  for (let s = 0; s < services; s++) {
    const ns = `team-${s % 20}`;
    const name = `svc-${s}`;
    svcList.push({
      apiVersion: 'v1', kind: 'Service',
      metadata: { name, namespace: ns, uid: `10000000-0000-4000-8000-${String(s).padStart(12, '0')}`, resourceVersion: String(200000 + s), creationTimestamp: ts, labels: { app: name }, managedFields: managed('kubectl-client-side-apply') },
      spec: { type: 'ClusterIP', clusterIP: `10.96.${s >> 8}.${s & 255}`, clusterIPs: [`10.96.${s >> 8}.${s & 255}`], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', internalTrafficPolicy: 'Cluster', selector: { app: name }, sessionAffinity: 'None', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }], ...(s % 2 === 0 && { trafficDistribution: 'PreferClose' }) },
      status: { loadBalancer: {} },
    });
    sliceList.push({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
      metadata: { name: `${name}-abcde`, namespace: ns, uid: `20000000-0000-4000-8000-${String(s).padStart(12, '0')}`, resourceVersion: String(300000 + s), creationTimestamp: ts, generateName: `${name}-`, generation: 1, labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': name, app: name }, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: `10000000-0000-4000-8000-${String(s).padStart(12, '0')}`, blockOwnerDeletion: true, controller: true }], managedFields: managed('kube-controller-manager') },
      endpoints: Array.from({ length: endpointsPerSlice }, (_, e) => {
        const n = (s * endpointsPerSlice + e) % nodes;
        return { addresses: [`10.244.${(s * endpointsPerSlice + e) >> 8 & 255}.${(s * endpointsPerSlice + e) & 255}`], conditions: { ready: true, serving: true, terminating: false }, nodeName: `node-${n}`, zone: zones[n % 3], ...(s % 2 === 0 && { hints: { forZones: [{ name: zones[n % 3] }] } }), targetRef: { kind: 'Pod', name: `${name}-pod-${e}`, namespace: ns, uid: `30000000-0000-4000-8000-${String(s * 10 + e).padStart(12, '0')}` } };
      }),
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  }
  const list = (items) => ({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items });
  const lists = [list(svcList), list(sliceList), list(nodeList)];
  return {
    yaml: lists.map((l) => yaml.dump(l, { lineWidth: -1, noRefs: true })).join('---\n'),
    json: JSON.stringify(list([...svcList, ...sliceList, ...nodeList]), null, 4),
  };
}
