/**
 * A Node built-in module by id ("node:zlib", "node:buffer") when running under Node ≥ 20.16
 * (`process.getBuiltinModule`: no require, so bundlers see nothing); undefined elsewhere (the
 * browser) or when the lookup fails. The reader and the writer use it for their Node-only fast paths.
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    return proc?.getBuiltinModule?.(id) as T | undefined;
  } catch {
    return undefined;
  }
}
