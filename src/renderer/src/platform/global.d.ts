// The preload exposes the DesktopApi as `window.loupe` (absent in a plain browser).
// Kept identical to src/preload/api-global.d.ts so the two declarations merge.
import type { DesktopApi } from '../../../shared/api';

declare global {
  interface Window {
    loupe?: DesktopApi;
  }
}

export {};
