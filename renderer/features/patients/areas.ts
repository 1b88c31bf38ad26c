/**
 * Administrative areas (GB/T 2260 province → city → district, then street offices) for the address
 * picker. The table is large (about 2 MB), so it is a separate file fetched on first use.
 */
export interface AreaNode {
  code: string;
  name: string;
  children?: AreaNode[];
}

import areasUrl from '../../../resources/areas/pcas-code.json?url';

let loading: Promise<AreaNode[]> | undefined;

/**
 * The area table, fetched once. A failed fetch (a web-mode desk offline before the table was ever
 * loaded) is forgotten, so the next form to open tries again instead of failing for good.
 */
export function loadAreas(load: (url: string) => Promise<Response> = fetch): Promise<AreaNode[]> {
  loading ??= load(areasUrl)
    .then(async (response) => {
      if (!response.ok) throw new Error(`areas: HTTP ${response.status}`);
      return (await response.json()) as AreaNode[];
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** The names along a path of codes, or undefined when a code is not in the table. */
export function areaNames(tree: AreaNode[], codes: string[]): string[] | undefined {
  const names: string[] = [];
  let level: AreaNode[] | undefined = tree;
  for (const code of codes) {
    const node: AreaNode | undefined = level?.find((n) => n.code === code);
    if (!node) return undefined;
    names.push(node.name);
    level = node.children;
  }
  return names;
}
