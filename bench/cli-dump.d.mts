// Types of bench/cli-dump.mjs (plain JS so that bench/cli.mjs runs on Node 20 without a loader).

/** The same dump as YAML (three `List` documents) and as JSON (one `List`). */
export interface LargeDump {
  readonly yaml: string;
  readonly json: string;
}

export function largeDump(options?: { services?: number; nodes?: number; endpointsPerSlice?: number }): LargeDump;
