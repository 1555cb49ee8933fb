// How nginx orders locations and finds the one for a URI, ported from nginx 1.22.1:
// ngx_http_init_locations, ngx_http_cmp_locations, ngx_http_join_exact_locations,
// ngx_http_create_locations_list and ngx_http_create_locations_tree (src/http/ngx_http.c), and
// ngx_http_core_find_location / ngx_http_core_find_static_location (ngx_http_core_module.c).
//
// Prefix (`/x`, `^~ /x`) and exact (`= /x`) locations go into a balanced tree searched by comparing
// bytes, `/` sorting lowest; regex locations are tried in config order after the prefix search,
// unless the longest prefix match was `^~` or an exact match; nested locations repeat the search
// inside the location found. Every node tested is recorded, as nginx's debug log shows them.

import { ConfigError } from './config-error.ts';
import type { LocationConf } from './config-model.ts';

/** A node of the static tree: names relative to the parent node's name. */
export interface LocationTreeNode {
  readonly name: string;
  readonly exact: LocationConf | undefined;
  readonly inclusive: LocationConf | undefined;
  readonly autoRedirect: boolean;
  readonly left: LocationTreeNode | undefined;
  readonly right: LocationTreeNode | undefined;
  /** Locations whose names start with this one, relative to it. */
  readonly tree: LocationTreeNode | undefined;
}

export interface LocationTree {
  readonly staticTree: LocationTreeNode | undefined;
  /** In config order. */
  readonly regexes: readonly LocationConf[];
  /** Sorted by name (server level only). */
  readonly named: readonly LocationConf[];
}

interface QueueEntry {
  readonly name: string;
  exact: LocationConf | undefined;
  inclusive: LocationConf | undefined;
  readonly at: { readonly file: string; readonly line: number };
  list: QueueEntry[];
}

/**
 * Builds the search structures for one level's locations and, first, for every nested level, the
 * order nginx does it in (so the first `duplicate location` error is the one nginx reports).
 */
export function buildLocationTree(locations: readonly LocationConf[]): LocationTree {
  const sorted = queueSort(locations, compareLocations);
  for (const location of sorted) location.tree = buildNested(location);
  const statics = sorted.filter((l) => l.regex === undefined && l.modifier !== '@');
  const regexes = sorted.filter((l) => l.regex !== undefined);
  const named = sorted.filter((l) => l.modifier === '@');
  const queue: QueueEntry[] = statics.map((location) => ({
    name: location.name,
    exact: location.modifier === '=' ? location : undefined,
    inclusive: location.modifier === '=' ? undefined : location,
    at: location.at,
    list: [],
  }));
  joinExactLocations(queue);
  createLocationsList(queue);
  return { staticTree: createLocationsTree(queue, 0), regexes, named };
}

// ngx_http_init_locations recurses into each location before the level's own tree is made, and
// ngx_http_init_static_location_trees does the same for the trees.
function buildNested(location: LocationConf): LocationTree | undefined {
  return location.locations.length === 0 ? undefined : buildLocationTree(location.locations);
}

/**
 * ngx_queue_sort: a stable insertion sort, each element moved back while the one before it
 * compares greater. nginx's location comparison is not symmetric (an exact location goes before
 * the same prefix one, but not the other way round), so only this algorithm gives nginx's order.
 */
export function queueSort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  for (const item of items) {
    let at = out.length;
    while (at > 0 && compare(out[at - 1]!, item) > 0) at--;
    out.splice(at, 0, item);
  }
  return out;
}

/** ngx_http_cmp_locations: statics by name (`/` lowest, exact first), then regexes, then named. */
export function compareLocations(one: LocationConf, two: LocationConf): number {
  const oneNamed = one.modifier === '@';
  const twoNamed = two.modifier === '@';
  if (oneNamed !== twoNamed) return oneNamed ? 1 : -1;
  if (oneNamed && twoNamed) return byteCompare(one.name, two.name);
  const oneRegex = one.regex !== undefined;
  const twoRegex = two.regex !== undefined;
  if (oneRegex !== twoRegex) return oneRegex ? 1 : -1;
  if (oneRegex && twoRegex) return 0;
  const rc = filenameCompare(one.name, two.name, Math.min(one.name.length, two.name.length) + 1);
  if (rc === 0 && one.modifier !== '=' && two.modifier === '=') return 1;
  return rc;
}

/**
 * ngx_filename_cmp on a case-sensitive file system: bytes compared in order, a string's end (NUL)
 * lowest, then `/` lower than any other byte.
 */
export function filenameCompare(a: string, b: string, n: number): number {
  for (let i = 0; i < n; i++) {
    const c1 = i < a.length ? a.charCodeAt(i) : 0;
    const c2 = i < b.length ? b.charCodeAt(i) : 0;
    if (c1 === c2) {
      if (c1 !== 0) continue;
      return 0;
    }
    if (c1 === 0 || c2 === 0) return c1 - c2;
    return (c1 === 0x2f ? 0 : c1) - (c2 === 0x2f ? 0 : c2);
  }
  return 0;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ngx_http_join_exact_locations: `= /x` and `/x` share one node; two of the same kind are an error,
// reported at the second one.
function joinExactLocations(queue: QueueEntry[]): void {
  let i = 0;
  while (i < queue.length - 1) {
    const q = queue[i]!;
    const x = queue[i + 1]!;
    if (q.name === x.name) {
      if ((q.exact && x.exact) || (q.inclusive && x.inclusive)) {
        throw new ConfigError(
          'duplicate-location',
          `duplicate location "${x.name}" in ${x.at.file}:${x.at.line}`,
          undefined,
        );
      }
      q.inclusive = x.inclusive;
      queue.splice(i + 1, 1);
      continue;
    }
    i++;
  }
}

// ngx_http_create_locations_list: each inclusive location takes the following entries whose names
// start with its own as its sub-list, recursively.
function createLocationsList(queue: QueueEntry[], start = 0): void {
  if (start >= queue.length - 1) return;
  const q = queue[start]!;
  if (q.inclusive === undefined) {
    createLocationsList(queue, start + 1);
    return;
  }
  let x = start + 1;
  for (; x < queue.length; x++) {
    const lx = queue[x]!;
    if (q.name.length > lx.name.length || filenameCompare(q.name, lx.name, q.name.length) !== 0)
      break;
  }
  if (x === start + 1) {
    createLocationsList(queue, x);
    return;
  }
  q.list = queue.splice(start + 1, x - start - 1);
  createLocationsList(q.list, 0);
  createLocationsList(queue, start + 1);
}

// ngx_http_create_locations_tree: the middle entry (ngx_queue_middle) is the node, the entries
// before it the left subtree, after it the right one, its sub-list the inclusive subtree.
function createLocationsTree(
  queue: readonly QueueEntry[],
  prefix: number,
): LocationTreeNode | undefined {
  if (queue.length === 0) return undefined;
  const middle = Math.floor(queue.length / 2);
  const entry = queue[middle]!;
  return {
    name: entry.name.slice(prefix),
    exact: entry.exact,
    inclusive: entry.inclusive,
    autoRedirect: entry.exact?.autoRedirect === true || entry.inclusive?.autoRedirect === true,
    left: createLocationsTree(queue.slice(0, middle), prefix),
    right: createLocationsTree(queue.slice(middle + 1), prefix),
    // the sub-list's names are relative to this entry's whole name (nginx: prefix + len)
    tree: createLocationsTree(entry.list, entry.name.length),
  };
}

/** One comparison nginx made while looking for the location (`test location: "…"`). */
export type LocationTest =
  | {
      readonly kind: 'static';
      /** The node's name relative to its parent in the tree, as nginx's debug log prints it. */
      readonly node: string;
      /** The full names of the locations at this node. */
      readonly locations: readonly LocationConf[];
      readonly outcome: 'left' | 'right' | 'prefix' | 'exact' | 'inclusive' | 'redirect-candidate';
    }
  | { readonly kind: 'regex'; readonly location: LocationConf; readonly matched: boolean }
  | { readonly kind: 'skip-regex'; readonly because: LocationConf };

export type LocationSearch =
  | { readonly kind: 'exact' | 'prefix' | 'regex'; readonly location: LocationConf }
  /** The URI is a proxied prefix location's name without its final `/`: nginx answers 301. */
  | { readonly kind: 'redirect'; readonly location: LocationConf }
  /** Nothing matched: the server's own settings apply. */
  | { readonly kind: 'none' };

export interface LocationSearchResult {
  readonly result: LocationSearch;
  /** Regex captures of the matching regex location ($1…$9 and named ones). */
  readonly captures: RegExpExecArray | undefined;
  readonly tests: readonly LocationTest[];
}

/** ngx_http_core_find_location for a server's tree and a normalised URI (a byte string). */
export function findLocation(tree: LocationTree | undefined, uri: string): LocationSearchResult {
  const tests: LocationTest[] = [];
  const state = { captures: undefined as RegExpExecArray | undefined };
  const found = findIn(tree, uri, tests, state, undefined);
  return { result: found.search, captures: state.captures, tests };
}

type StaticResult =
  | { readonly rc: 'ok'; readonly location: LocationConf }
  | { readonly rc: 'done'; readonly location: LocationConf }
  | { readonly rc: 'again'; readonly location: LocationConf }
  | { readonly rc: 'declined' };

interface Found {
  readonly rc: 'ok' | 'done' | 'again' | 'declined';
  readonly search: LocationSearch;
}

function findIn(
  tree: LocationTree | undefined,
  uri: string,
  tests: LocationTest[],
  state: { captures: RegExpExecArray | undefined },
  current: LocationSearch | undefined,
): Found {
  const fallback: LocationSearch = current ?? { kind: 'none' };
  const stat = findStatic(tree?.staticTree, uri, tests);
  let rc: Found['rc'] = stat.rc;
  let search: LocationSearch = fallback;
  let noregex = false;
  if (stat.rc === 'ok') return { rc: 'ok', search: { kind: 'exact', location: stat.location } };
  if (stat.rc === 'done')
    return { rc: 'done', search: { kind: 'redirect', location: stat.location } };
  if (stat.rc === 'again') {
    noregex = stat.location.modifier === '^~';
    const nested = findIn(stat.location.tree, uri, tests, state, {
      kind: 'prefix',
      location: stat.location,
    });
    rc = nested.rc;
    search = nested.search;
    if (rc === 'ok' || rc === 'done') return nested;
  }
  const regexes = tree?.regexes ?? [];
  if (noregex && regexes.length > 0 && stat.rc === 'again') {
    tests.push({ kind: 'skip-regex', because: stat.location });
  }
  if (!noregex) {
    for (const location of regexes) {
      location.regex!.lastIndex = 0;
      const match = location.regex!.exec(uri);
      tests.push({ kind: 'regex', location, matched: match !== null });
      if (match === null) continue;
      state.captures = match;
      const nested = findIn(location.tree, uri, tests, state, { kind: 'regex', location });
      return { rc: 'ok', search: nested.search };
    }
  }
  return { rc, search };
}

function findStatic(
  node: LocationTreeNode | undefined,
  fullUri: string,
  tests: LocationTest[],
): StaticResult {
  let uri = fullUri;
  let rv: StaticResult = { rc: 'declined' };
  while (node !== undefined) {
    const locations = [node.exact, node.inclusive].filter(
      (l): l is LocationConf => l !== undefined,
    );
    const n = Math.min(uri.length, node.name.length);
    const rc = filenameCompare(uri, node.name, n);
    if (rc !== 0) {
      tests.push({
        kind: 'static',
        node: node.name,
        locations,
        outcome: rc < 0 ? 'left' : 'right',
      });
      node = rc < 0 ? node.left : node.right;
      continue;
    }
    if (uri.length > node.name.length) {
      if (node.inclusive !== undefined) {
        tests.push({ kind: 'static', node: node.name, locations, outcome: 'prefix' });
        rv = { rc: 'again', location: node.inclusive };
        uri = uri.slice(n);
        node = node.tree;
        continue;
      }
      // an exact location only: it cannot match a longer URI
      tests.push({ kind: 'static', node: node.name, locations, outcome: 'right' });
      node = node.right;
      continue;
    }
    if (uri.length === node.name.length) {
      if (node.exact !== undefined) {
        tests.push({ kind: 'static', node: node.name, locations, outcome: 'exact' });
        return { rc: 'ok', location: node.exact };
      }
      tests.push({ kind: 'static', node: node.name, locations, outcome: 'inclusive' });
      return { rc: 'again', location: node.inclusive! };
    }
    // the URI is shorter than the node's name
    if (uri.length + 1 === node.name.length && node.autoRedirect) {
      tests.push({ kind: 'static', node: node.name, locations, outcome: 'redirect-candidate' });
      rv = { rc: 'done', location: (node.exact ?? node.inclusive)! };
    } else {
      tests.push({ kind: 'static', node: node.name, locations, outcome: 'left' });
    }
    node = node.left;
  }
  return rv;
}
