/** `window.loupe` as exposed by the preload; absent when the renderer runs in a plain browser. */
import type { DesktopApi } from '../shared/api';

declare global {
  interface Window {
    loupe?: DesktopApi;
  }
}
