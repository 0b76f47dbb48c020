/**
 * How the controller reads one endpoint (controller.md §1). The rules read the input endpoints
 * themselves, through these functions, once `readHintsInput` has checked that every field they
 * read has its type: 100,000 endpoints are then read without a copy of any of them.
 *
 * @module
 * @internal
 */
import type { EndpointInput, NamedHintInput } from '../model/input.js';

/**
 * An input endpoint whose fields `readHintsInput` checked: `addresses` strings, `conditions.ready`
 * a boolean, `zone` and `nodeName` strings, hint entries objects with a string `name` (each may be
 * absent or `null`).
 */
export type CheckedEndpoint = EndpointInput;

/**
 * 1.1: ready means `conditions.ready` is present and true; absent is *not* ready here, unlike
 * kube-proxy (topologycache `EndpointReady`).
 */
export function isReady(e: CheckedEndpoint): boolean {
  return e.conditions?.ready === true;
}

/** 1.2: the `zone` as given (`""` included); absent or `null` is `undefined` (Go: a nil `*string`). */
export function zoneOf(e: CheckedEndpoint): string | undefined {
  return e.zone ?? undefined;
}

/** 1.3: the `nodeName` as given; absent or `null` is `undefined`. */
export function nodeNameOf(e: CheckedEndpoint): string | undefined {
  return e.nodeName ?? undefined;
}

/** The endpoint carries hints: Go's `endpoint.Hints != nil` (`null` reads as none). */
export function hasHints(e: CheckedEndpoint): boolean {
  return e.hints !== undefined && e.hints !== null;
}

/** The existing zone hints as given (absent or `null` is none). */
export function zoneHints(e: CheckedEndpoint): readonly NamedHintInput[] {
  return e.hints?.forZones ?? NONE;
}

/** The name of one hint entry; an entry without `name` reads as `""` (Go's zero value). */
export function hintName(entry: NamedHintInput): string {
  return entry.name ?? '';
}

const NONE: readonly NamedHintInput[] = Object.freeze([]);

/**
 * True when one list of existing hints is exactly what the heuristic wants (controller.md §5.3):
 * one entry naming `wanted`, or no entry when nothing is wanted.
 */
export function hintListIs(list: readonly NamedHintInput[] | null | undefined, wanted: string | undefined): boolean {
  if (wanted === undefined) return list === undefined || list === null || list.length === 0;
  return list !== undefined && list !== null && list.length === 1 && hintName(list[0]!) === wanted;
}

/** The first address, for reporting moves; `null` when there is none. */
export function firstAddress(e: CheckedEndpoint): string | null {
  return e.addresses?.[0] ?? null;
}
