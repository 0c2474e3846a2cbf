import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakes/electron'));

const { buildMenuTemplate } = await import('../../src/main/menu');
type Item = import('electron').MenuItemConstructorOptions;
type MenuOptions = import('../../src/main/menu').MenuOptions;

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return {
    platform: 'linux',
    isDev: false,
    appName: 'Loupe',
    recent: [{ path: '/w/a.loupe', name: 'a.loupe', openedAt: '2026-01-01T00:00:00.000Z' }],
    sendCommand: vi.fn(),
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    ...overrides,
  };
}

function submenu(item: Item | undefined): Item[] {
  return Array.isArray(item?.submenu) ? item.submenu : [];
}
function find(items: Item[], label: string): Item | undefined {
  return items.find((item) => item.label === label);
}
function click(item: Item | undefined): void {
  const handler = item?.click;
  if (typeof handler !== 'function') throw new Error(`no click on ${item?.label ?? '?'}`);
  Reflect.apply(handler, undefined, []);
}

describe('application menu', () => {
  it('sends File and Edit commands to the renderer with the expected shortcuts', () => {
    const opts = options();
    const [file, edit] = buildMenuTemplate(opts);
    const shortcuts = [...submenu(file), ...submenu(edit)].flatMap((item) =>
      item.accelerator ? [[item.label, item.accelerator]] : [],
    );
    expect(shortcuts).toEqual([
      ['New', 'CmdOrCtrl+N'],
      ['Open…', 'CmdOrCtrl+O'],
      ['Import…', 'CmdOrCtrl+I'],
      ['Save', 'CmdOrCtrl+S'],
      ['Save As…', 'CmdOrCtrl+Shift+S'],
      ['Export…', 'CmdOrCtrl+E'],
      ['Undo', 'CmdOrCtrl+Z'],
      ['Redo', 'CmdOrCtrl+Shift+Z'],
    ]);
    click(find(submenu(edit), 'Undo'));
    click(find(submenu(file), 'Save As…'));
    click(find(submenu(file), 'Import…'));
    expect(opts.sendCommand).toHaveBeenNthCalledWith(1, 'undo');
    expect(opts.sendCommand).toHaveBeenNthCalledWith(2, 'save-as');
    expect(opts.sendCommand).toHaveBeenNthCalledWith(3, 'import');
    expect(submenu(edit).some((item) => item.role === 'undo' || item.role === 'redo')).toBe(false);
  });

  it('lists recent files and opens the chosen one', () => {
    const opts = options();
    const recent = submenu(find(submenu(buildMenuTemplate(opts)[0]), 'Open Recent'));
    click(find(recent, 'a.loupe'));
    expect(opts.openRecent).toHaveBeenCalledWith('/w/a.loupe');
  });

  it('offers reload and devtools only in development', () => {
    const roles = (isDev: boolean): unknown[] =>
      buildMenuTemplate(options({ isDev })).flatMap((menu) => submenu(menu).map((item) => item.role));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
  });

  it('adds the app menu on macOS', () => {
    const menus = buildMenuTemplate(options({ platform: 'darwin' }));
    expect(menus[0]?.label).toBe('Loupe');
    expect(submenu(menus[0]).map((item) => item.role)).toContain('quit');
  });
});
