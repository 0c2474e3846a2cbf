// DOM test setup: a real (in-memory) IndexedDB for Dexie, and layout numbers jsdom does not compute,
// so virtualized lists render rows.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());

// @tanstack/react-virtual measures its scroll element; jsdom lays nothing out and reports 0.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });

// jsdom has <dialog> but not showModal()/close(): a minimal stand-in with the parts the app relies on
// (the open attribute, the close event, Escape firing `cancel` on the topmost open dialog).
if (typeof HTMLDialogElement.prototype.showModal !== 'function') {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement): void {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.show = HTMLDialogElement.prototype.showModal;
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement): void {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const open = [...document.querySelectorAll('dialog[open]')];
    const top = open[open.length - 1];
    if (top === undefined) return;
    const cancel = new Event('cancel', { cancelable: true });
    top.dispatchEvent(cancel);
    if (!cancel.defaultPrevented && top instanceof HTMLDialogElement) top.close();
  });
}
