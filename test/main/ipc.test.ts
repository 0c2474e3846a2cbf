import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { workspaceBytes } from './fixtures';

vi.mock('electron', () => import('./fakes/electron'));

const fake = await import('./fakes/electron');
const { BrowserWindow } = await import('electron');
const { registerIpcHandlers } = await import('../../src/main/ipc');
const { createWorkspaceService } = await import('../../src/main/workspace-service');
const { createPathGrants, createRecentStore } = await import('../../src/main/files');
const { CHANNELS } = await import('../../src/shared/api');
type IpcHandlers = import('../../src/main/ipc').IpcHandlers;

interface FakeEvent {
  sender: unknown;
  senderFrame: { url: string } | null;
}

let window: InstanceType<typeof BrowserWindow>;
let unregister: () => void;
let dir: string;

function mainWindowFake(): InstanceType<typeof fake.FakeBrowserWindow> {
  const created = fake.windows.at(-1);
  if (created === undefined) throw new Error('no window');
  return created;
}

function trustedEvent(): FakeEvent {
  const contents = mainWindowFake().webContents;
  return { sender: contents, senderFrame: contents.mainFrame };
}

async function call(channel: string, event: FakeEvent, ...args: unknown[]): Promise<unknown> {
  const listener = fake.ipcHandlers.get(channel);
  if (listener === undefined) throw new Error(`no handler for ${channel}`);
  return listener(event, ...args);
}

function spyHandlers(): IpcHandlers {
  return {
    getInfo: vi.fn(async () => ({ appVersion: '0.1.0', platform: 'linux' })),
    openWorkspaceFile: vi.fn(async () => null),
    openRecent: vi.fn(async (path: string) => ({ path, name: 'x.loupe', bytes: new Uint8Array() })),
    listRecent: vi.fn(async () => []),
    saveWorkspace: vi.fn(async () => ({ path: '/x.loupe', name: 'x.loupe' })),
    exportFile: vi.fn(async () => null),
    renderPdf: vi.fn(async () => new Uint8Array([0x25, 0x50, 0x44, 0x46])),
  };
}

beforeEach(async () => {
  fake.windows.length = 0;
  window = new BrowserWindow({});
  dir = await mkdtemp(join(tmpdir(), 'loupe-ipc-'));
});
afterEach(async () => {
  unregister();
  await rm(dir, { recursive: true, force: true });
});

describe('IPC sender and payload validation', () => {
  let handlers: IpcHandlers;
  beforeEach(() => {
    handlers = spyHandlers();
    unregister = registerIpcHandlers({ getWindow: () => window, devServerUrl: null, handlers });
  });

  it('registers exactly one handler per channel', () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
  });

  it('passes a valid call through to its handler', async () => {
    const request = { path: null, suggestedName: 'Study.loupe', bytes: new Uint8Array([1, 2, 3]) };
    await expect(call(CHANNELS.saveWorkspace, trustedEvent(), request)).resolves.toEqual({
      path: '/x.loupe',
      name: 'x.loupe',
    });
    expect(handlers.saveWorkspace).toHaveBeenCalledWith(request);
    await expect(call(CHANNELS.getInfo, trustedEvent())).resolves.toEqual({ appVersion: '0.1.0', platform: 'linux' });
  });

  it.each([
    ['a number for the path', CHANNELS.openRecent, [42]],
    ['a path with NUL', CHANNELS.openRecent, ['/tmp/a.loupe\0.txt']],
    ['an empty path', CHANNELS.openRecent, ['']],
    ['a missing argument', CHANNELS.openRecent, []],
    ['an extra argument', CHANNELS.getInfo, ['surprise']],
    ['an extra key', CHANNELS.saveWorkspace, [{ path: null, suggestedName: 'a', bytes: new Uint8Array(), admin: true }]],
    ['bytes as a plain array', CHANNELS.saveWorkspace, [{ path: null, suggestedName: 'a', bytes: [1, 2, 3] }]],
    ['bytes as a string', CHANNELS.saveWorkspace, [{ path: null, suggestedName: 'a', bytes: 'AQID' }]],
    ['a path as the suggested name', CHANNELS.saveWorkspace, [{ path: null, suggestedName: '../../x', bytes: new Uint8Array() }]],
    ['a NUL in the save path', CHANNELS.saveWorkspace, [{ path: '/a\0b', suggestedName: 'a', bytes: new Uint8Array() }]],
    ['a bad export filter', CHANNELS.exportFile, [{ suggestedName: 'a.csv', bytes: new Uint8Array(), filter: { name: 'CSV', extensions: ['c/sv'] } }]],
  ])('rejects %s', async (_label, channel, args) => {
    await expect(call(channel, trustedEvent(), ...args)).rejects.toThrow(/Invalid arguments/);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('rejects a sender from another origin', async () => {
    mainWindowFake().webContents.mainFrame.url = 'https://evil.example/';
    await expect(call(CHANNELS.listRecent, trustedEvent())).rejects.toThrow(/not the app origin/);
    expect(handlers.listRecent).not.toHaveBeenCalled();
  });

  it('rejects a subframe of the app window, even on the app origin', async () => {
    const contents = mainWindowFake().webContents;
    const event = { sender: contents, senderFrame: { url: 'loupe://app/index.html' } };
    await expect(call(CHANNELS.listRecent, event)).rejects.toThrow(/main frame/);
  });

  it('rejects another web contents and a vanished frame', async () => {
    const other = new fake.FakeWebContents();
    await expect(call(CHANNELS.listRecent, { sender: other, senderFrame: other.mainFrame })).rejects.toThrow(/main frame/);
    await expect(call(CHANNELS.listRecent, { sender: mainWindowFake().webContents, senderFrame: null })).rejects.toThrow(
      /frame is gone/,
    );
    expect(handlers.listRecent).not.toHaveBeenCalled();
  });

  it('accepts the dev server origin only when one is configured', async () => {
    unregister();
    unregister = registerIpcHandlers({ getWindow: () => window, devServerUrl: 'http://localhost:5173/', handlers });
    mainWindowFake().webContents.mainFrame.url = 'http://localhost:5173/index.html';
    await expect(call(CHANNELS.listRecent, trustedEvent())).resolves.toEqual([]);
    mainWindowFake().webContents.mainFrame.url = 'http://localhost:6666/';
    await expect(call(CHANNELS.listRecent, trustedEvent())).rejects.toThrow(/not the app origin/);
  });
});

describe('workspace channels end to end (real files, fake dialogs)', () => {
  const dialogs = { open: vi.fn(), save: vi.fn(), export: vi.fn() };
  beforeEach(() => {
    dialogs.open.mockReset();
    dialogs.save.mockReset();
    dialogs.export.mockReset();
    const service = createWorkspaceService({
      getWindow: () => window,
      getInfo: () => ({ appVersion: '0.1.0', platform: 'linux' }),
      dialogs,
      recent: createRecentStore(join(dir, 'userData', 'recent-files.json')),
      grants: createPathGrants(),
    });
    unregister = registerIpcHandlers({ getWindow: () => window, devServerUrl: null, handlers: { ...service.handlers, renderPdf: spyHandlers().renderPdf } });
  });

  it('refuses to save to a path the user never chose or opened', async () => {
    const target = join(dir, 'victim.txt');
    await writeFile(target, 'original');
    const request = { path: target, suggestedName: 'x.loupe', bytes: new Uint8Array([1]) };
    await expect(call(CHANNELS.saveWorkspace, trustedEvent(), request)).rejects.toThrow(/Save As/);
    expect(await readFile(target, 'utf8')).toBe('original');
  });

  it('refuses to open a path that is not in the recent list', async () => {
    const target = join(dir, 'other.loupe');
    await writeFile(target, workspaceBytes());
    await expect(call(CHANNELS.openRecent, trustedEvent(), target)).rejects.toThrow(/recent files list/);
  });

  it('saves where the user chose, then may save there again and reopen it from the recent list', async () => {
    const target = join(dir, 'Study.loupe');
    dialogs.save.mockResolvedValue(target);
    const first = workspaceBytes('First');
    await expect(
      call(CHANNELS.saveWorkspace, trustedEvent(), { path: null, suggestedName: 'Study.loupe', bytes: first }),
    ).resolves.toEqual({ path: target, name: 'Study.loupe' });
    const second = workspaceBytes('Second');
    await call(CHANNELS.saveWorkspace, trustedEvent(), { path: target, suggestedName: 'Study.loupe', bytes: second });
    expect(new Uint8Array(await readFile(target))).toEqual(second);
    expect(await call(CHANNELS.listRecent, trustedEvent())).toEqual([
      expect.objectContaining({ path: target, name: 'Study.loupe' }),
    ]);
    const opened = await call(CHANNELS.openRecent, trustedEvent(), target);
    expect(opened).toEqual({ path: target, name: 'Study.loupe', bytes: second });
  });

  it('opens a workspace chosen in the Open dialog and returns null when cancelled', async () => {
    const target = join(dir, 'Chosen.loupe');
    await writeFile(target, workspaceBytes());
    dialogs.open.mockResolvedValueOnce(target).mockResolvedValueOnce(null);
    await expect(call(CHANNELS.openWorkspaceFile, trustedEvent())).resolves.toMatchObject({ path: target });
    await expect(call(CHANNELS.openWorkspaceFile, trustedEvent())).resolves.toBeNull();
  });

  it('refuses a file that is not a workspace, and does not remember it', async () => {
    const target = join(dir, 'notes.loupe');
    await writeFile(target, 'just some text, not a zip');
    dialogs.open.mockResolvedValue(target);
    await expect(call(CHANNELS.openWorkspaceFile, trustedEvent())).rejects.toThrow(/cannot be opened|not a Loupe workspace/);
    expect(await call(CHANNELS.listRecent, trustedEvent())).toEqual([]);
  });

  it('exports where the export dialog says', async () => {
    const target = join(dir, 'codes.csv');
    dialogs.export.mockResolvedValue(target);
    const bytes = new TextEncoder().encode('a,b\n1,2\n');
    const request = { suggestedName: 'codes.csv', bytes, filter: { name: 'CSV', extensions: ['csv'] } };
    await expect(call(CHANNELS.exportFile, trustedEvent(), request)).resolves.toEqual({ path: target, name: 'codes.csv' });
    expect(await readFile(target, 'utf8')).toBe('a,b\n1,2\n');
  });
});
