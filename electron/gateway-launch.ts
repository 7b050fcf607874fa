/**
 * How the kiosk runs its gateway, from a clone or from a package.
 *
 * - From a clone: `node bin/floorgate.mjs start` (FLOORGATE_NODE to pick the node binary); the native
 *   modules are the ones npm built for that node. bin/ runs the compiled gateway, dist/gateway/floorgate.cjs,
 *   when `npm run build` made it and it is current; else the TypeScript through tsx.
 * - Packaged (electron-builder): Electron's own Node runs the gateway (`ELECTRON_RUN_AS_NODE=1`), so the
 *   native modules electron-builder rebuilt for Electron's ABI load. The gateway runs from
 *   `resources/app.asar.unpacked` (see build/electron-builder.yml: asarUnpack), because a plain Node
 *   process cannot read inside app.asar; a package holds only the compiled gateway. FLOORGATE_NODE still wins, for a box that prefers a system node
 *   (its native modules must then be built for that node).
 */
import path from 'node:path';

export interface GatewayLaunch {
  /** Where bin/floorgate.mjs is and where the gateway runs. */
  appRoot: string;
  /** The binary; undefined = ensureGateway's default ($FLOORGATE_NODE, else `node`). */
  command: string | undefined;
  /** The environment for the gateway process. */
  env: NodeJS.ProcessEnv;
}

/** The unpacked twin of a path inside app.asar (`…/resources/app.asar` → `…/resources/app.asar.unpacked`). */
export function unpackedPath(appRoot: string): string {
  return path.basename(appRoot) === 'app.asar' ? `${appRoot}.unpacked` : appRoot;
}

export function gatewayLaunch(options: {
  isPackaged: boolean;
  /** process.execPath: the Electron binary. */
  execPath: string;
  /** The app root as the Electron main sees it (inside app.asar when packaged). */
  appRoot: string;
  env: NodeJS.ProcessEnv;
}): GatewayLaunch {
  const { isPackaged, execPath, appRoot, env } = options;
  if (!isPackaged) return { appRoot, command: undefined, env };
  if (env.FLOORGATE_NODE) return { appRoot: unpackedPath(appRoot), command: env.FLOORGATE_NODE, env };
  return { appRoot: unpackedPath(appRoot), command: execPath, env: { ...env, ELECTRON_RUN_AS_NODE: '1' } };
}
