/** A Storage in memory, for unit tests of what keeps its state in localStorage. */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { dump(): string } {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    dump: () => JSON.stringify(Object.fromEntries(items)),
  };
}
