import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakes/electron'));

const fake = await import('./fakes/electron');
const { CHANNELS, EVENTS } = await import('../../src/shared/api');
type DesktopApi = import('../../src/shared/api').DesktopApi;

let api: DesktopApi;

function isDesktopApi(value: unknown): value is DesktopApi {
  return typeof value === 'object' && value !== null && 'getInfo' in value && 'onOpenFile' in value;
}

beforeAll(async () => {
  await import('../../src/preload/index');
  const exposed = fake.exposed.get('loupe');
  if (!isDesktopApi(exposed)) throw new Error('window.loupe was not exposed');
  api = exposed;
});

describe('preload', () => {
  it('exposes exactly one object, loupe, with exactly the DesktopApi methods', () => {
    expect([...fake.exposed.keys()]).toEqual(['loupe']);
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(CHANNELS), 'onMenuCommand', 'onOpenFile'].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('maps every method to its own channel and passes the arguments through', async () => {
    const request = { path: null, suggestedName: 'a.loupe', bytes: new Uint8Array([1]) };
    const exportRequest = { suggestedName: 'a.csv', bytes: new Uint8Array([2]), filter: { name: 'CSV', extensions: ['csv'] } };
    await api.getInfo();
    await api.openWorkspaceFile();
    await api.openRecent('/w/a.loupe');
    await api.listRecent();
    await api.saveWorkspace(request);
    await api.exportFile(exportRequest);
    expect(fake.ipcRenderer.invoke.mock.calls).toEqual([
      [CHANNELS.getInfo],
      [CHANNELS.openWorkspaceFile],
      [CHANNELS.openRecent, '/w/a.loupe'],
      [CHANNELS.listRecent],
      [CHANNELS.saveWorkspace, request],
      [CHANNELS.exportFile, exportRequest],
    ]);
  });

  it('hands listeners the data, never the IpcRendererEvent, and drops invalid payloads', () => {
    const commands: unknown[] = [];
    const unsubscribe = api.onMenuCommand((command) => commands.push(command));
    const event = { sender: fake.ipcRenderer, senderId: 0 };
    fake.ipcRenderer.emit(EVENTS.menuCommand, event, 'save');
    fake.ipcRenderer.emit(EVENTS.menuCommand, event, 'rm -rf');
    fake.ipcRenderer.emit(EVENTS.menuCommand, event, { command: 'save' });
    expect(commands).toEqual(['save']);
    unsubscribe();
    fake.ipcRenderer.emit(EVENTS.menuCommand, event, 'undo');
    expect(commands).toEqual(['save']);
    expect(fake.ipcRenderer.listenerCount(EVENTS.menuCommand)).toBe(0);
  });

  it('delivers opened files as data and unsubscribes', () => {
    const files: unknown[] = [];
    const unsubscribe = api.onOpenFile((file) => files.push(file));
    const file = { path: '/w/a.loupe', name: 'a.loupe', bytes: new Uint8Array([1, 2]) };
    fake.ipcRenderer.emit(EVENTS.openFile, { sender: fake.ipcRenderer }, file);
    fake.ipcRenderer.emit(EVENTS.openFile, { sender: fake.ipcRenderer }, { path: '/x', name: 'x', bytes: 'no' });
    expect(files).toEqual([file]);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount(EVENTS.openFile)).toBe(0);
  });
});
