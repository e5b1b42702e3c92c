/**
 * A package-lock.json for an empty app that installs our tarball, pinned to the
 * versions of this repository's own lockfile. `npm ci --offline` then takes every
 * package from the npm cache that the repository's `npm ci` filled (by integrity,
 * no registry metadata needed): the install test needs no network.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [key: string]: unknown;
}

interface Lockfile {
  packages: Record<string, LockEntry>;
}

/** Where `name` resolves from the package at `from` ("" for the root), Node's way: nearest node_modules up. */
function resolveIn(lock: Lockfile, from: string, name: string): string | undefined {
  for (let base = from; ;) {
    const candidate = `${base ? base + "/" : ""}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    base = base.slice(0, base.lastIndexOf("node_modules/")).replace(/\/$/, "");
  }
}

/**
 * The lock entries that `dependencies` need, at the paths the repository installed them;
 * those reached only through optional dependencies are marked optional (npm ci wants
 * them listed; `--omit=optional` leaves them out).
 */
export function runtimeClosure(
  lock: Lockfile,
  dependencies: Record<string, string>,
  optional: Record<string, string> = {},
): Record<string, LockEntry> {
  const out: Record<string, LockEntry> = {};
  const visit = (from: string, name: string, viaOptional: boolean) => {
    const at = resolveIn(lock, from, name);
    if (!at) {
      if (viaOptional) return;
      throw new Error(`package-lock.json has no ${name} (needed by ${from || "the package"})`);
    }
    if (out[at] && (viaOptional || !out[at].optional)) return;
    const { dev: _dev, devOptional: _devOptional, optional: _optional, peer: _peer, ...entry } = lock.packages[at];
    out[at] = viaOptional ? { ...entry, optional: true } : entry;
    // npm installs peers too (the optional tree of office-addin-debugging has some; an unlisted optional peer is skipped).
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.peerDependencies })) visit(at, dep, viaOptional);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(at, dep, true);
  };
  for (const name of Object.keys(dependencies)) visit("", name, false);
  for (const name of Object.keys(optional)) visit("", name, true);
  return out;
}

/** The app's lockfile: our tarball (by a file: path relative to the app) and the packages its package.json asks for. */
export function appLockfile(repoLockFile: string, packageJsonFile: string, tarball: string, tarballFromApp: string): object {
  const lock = JSON.parse(fs.readFileSync(repoLockFile, "utf8")) as Lockfile;
  const pkg = JSON.parse(fs.readFileSync(packageJsonFile, "utf8")) as LockEntry & { name: string };
  const dependencies = pkg.dependencies ?? {};
  const spec = `file:${tarballFromApp}`;
  return {
    name: "app",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "app", dependencies: { [pkg.name]: spec } },
      [`node_modules/${pkg.name}`]: {
        version: pkg.version,
        resolved: spec,
        integrity: `sha512-${createHash("sha512").update(fs.readFileSync(tarball)).digest("base64")}`,
        license: pkg.license,
        dependencies,
        optionalDependencies: pkg.optionalDependencies,
        bin: pkg.bin,
        engines: pkg.engines,
      },
      ...runtimeClosure(lock, dependencies, pkg.optionalDependencies),
    },
  };
}
