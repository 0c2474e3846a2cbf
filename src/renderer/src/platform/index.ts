/** Picks the Platform implementation: Electron when the preload exposed `window.loupe`, else the browser. */
import { createBrowserPlatform } from './browser';
import { createElectronPlatform } from './desktop';
import type { Platform } from './types';

export type * from './types';

let current: Platform | undefined;

export function getPlatform(): Platform {
  current ??= window.loupe === undefined ? createBrowserPlatform(window) : createElectronPlatform(window.loupe);
  return current;
}
