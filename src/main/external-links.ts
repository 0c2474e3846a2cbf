/**
 * Links to the outside world. The app never navigates or opens windows itself (see window.ts); a link the
 * user follows to an http(s) page is offered to the system browser instead — but only after a native
 * confirmation naming the exact address, so a crafted link in imported data cannot open anything silently.
 */
import { type BaseWindow, BrowserWindow, dialog, shell } from 'electron';

/** Only web links leave the app: no file:, javascript:, smb:, custom handlers or links carrying credentials. */
export function externalWebUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

/**
 * Asks "Open in your browser?" and opens the link only when the user confirms. Resolves true when opened.
 * Never throws: a failed dialog or browser launch is just "not opened".
 */
export async function confirmOpenExternal(raw: string, parent: BaseWindow | null = BrowserWindow.getFocusedWindow()): Promise<boolean> {
  const url = externalWebUrl(raw);
  if (url === null) return false;
  try {
    const options: Electron.MessageBoxOptions = {
      type: 'question',
      title: 'Open link',
      message: 'Open this link in your web browser?',
      detail: url,
      buttons: ['Cancel', 'Open in browser'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const answer = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    if (answer.response !== 1) return false;
    await shell.openExternal(url, { activate: true });
    return true;
  } catch (error) {
    console.warn('Loupe: the link was not opened', error);
    return false;
  }
}
