// The app shell over the real data layer (fake-indexeddb): first launch, sections, the workspace switcher,
// and opening files. Generous timeouts: CI runs on 2 slow cores.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../../src/core/sample';
import { encodeWorkspace } from '../../src/core/workspace-file';
import { App } from '../../src/renderer/src/app/App';
import { getWorkspace, listWorkspaces } from '../../src/renderer/src/db/workspaces';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';

const WAIT = { timeout: 15_000 };
const SAMPLE_NAME = 'Relay customer research (sample)';

beforeEach(async () => {
  await resetDatabases();
  window.location.hash = '#/sources';
});

async function renderLoaded(platform = fakePlatform()) {
  const user = userEvent.setup();
  render(<App platform={platform} />);
  await screen.findByRole('button', { name: `Workspace: ${SAMPLE_NAME}. Switch workspace` }, WAIT);
  return { user, platform };
}

describe('App shell', () => {
  it('loads the sample on first launch and shows every section', async () => {
    const { user } = await renderLoaded();
    expect(await screen.findByRole('button', { name: 'Relay customer survey, Q1 2026' }, WAIT)).toBeInTheDocument();
    expect(screen.getByRole('contentinfo', { name: 'Status' })).toHaveTextContent('7 sources');
    expect(screen.getByRole('contentinfo', { name: 'Status' })).toHaveTextContent('Loupe 9.9.9-test');

    await user.click(screen.getByRole('button', { name: /^Interview 1:/ }));
    const utterances = await screen.findByRole('list', { name: 'Utterances' }, WAIT);
    expect((await within(utterances).findAllByText('Priya Raman', {}, { timeout: 15_000 })).length).toBeGreaterThan(0);

    const nav = screen.getByRole('navigation', { name: 'Sections' });
    await user.click(within(nav).getByRole('link', { name: /Responses/ }));
    expect(await screen.findByRole('table', { name: /Answers to Q3/ }, WAIT)).toBeInTheDocument();
    expect(await screen.findByText(/^[\d,]+ answers$/, {}, WAIT)).toBeInTheDocument();

    await user.click(within(nav).getByRole('link', { name: /Codebook/ }));
    expect(await screen.findByText('Speed & reliability', {}, WAIT)).toBeInTheDocument();

    await user.click(within(nav).getByRole('link', { name: /Themes/ }));
    expect(await screen.findByRole('heading', { name: 'No themes yet' }, WAIT)).toBeInTheDocument();

    await user.click(within(nav).getByRole('link', { name: /Insights/ }));
    expect(await screen.findByRole('heading', { name: 'Slowness on large schedules erodes trust' }, WAIT)).toBeInTheDocument();

    await user.click(within(nav).getByRole('link', { name: /Reports/ }));
    expect(await screen.findByRole('heading', { name: /draft readout/ }, WAIT)).toBeInTheDocument();
  });

  it('creates, renames and deletes (after confirmation) workspaces in the switcher', async () => {
    const { user } = await renderLoaded();
    await user.click(screen.getByRole('button', { name: /Switch workspace/ }));
    let dialog = await screen.findByRole('dialog', { name: 'Workspaces' }, WAIT);
    await user.type(within(dialog).getByLabelText('New workspace'), 'Pricing study');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await screen.findByRole('button', { name: /Workspace: Pricing study/ }, WAIT);

    await user.click(screen.getByRole('button', { name: /Switch workspace/ }));
    dialog = await screen.findByRole('dialog', { name: 'Workspaces' }, WAIT);
    await user.click(within(dialog).getByRole('button', { name: 'Rename Pricing study' }));
    const input = within(dialog).getByLabelText('New name for Pricing study');
    await user.clear(input);
    await user.type(input, 'Pricing wave 2');
    await user.click(within(dialog).getByRole('button', { name: 'Save name' }));
    await within(dialog).findByRole('button', { name: /Open Pricing wave 2/ }, WAIT);

    await user.click(within(dialog).getByRole('button', { name: 'Delete Pricing wave 2' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete “Pricing wave 2”?' }, WAIT);
    expect(confirm).toHaveTextContent('about 0 B');
    // Cancel first: nothing happens.
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).getByRole('button', { name: /Open Pricing wave 2/ })).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Delete Pricing wave 2' }));
    await user.click(within(await screen.findByRole('alertdialog', {}, WAIT)).getByRole('button', { name: 'Delete workspace' }));
    await screen.findByRole('button', { name: `Workspace: ${SAMPLE_NAME}. Switch workspace` }, WAIT);
    expect((await listWorkspaces()).map((w) => w.name)).toEqual([SAMPLE_NAME]);
  });

  it('shows the error of a corrupt file and changes nothing', async () => {
    const platform = fakePlatform({ openFile: async () => ({ name: 'broken.loupe', path: null, bytes: new Uint8Array([1, 2, 3, 4]) }) });
    const { user } = await renderLoaded(platform);
    const before = await listWorkspaces();
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const alert = await screen.findByRole('alertdialog', { name: '“broken.loupe” can’t be opened' }, WAIT);
    expect(alert).toHaveTextContent(/not a Loupe workspace|damaged|truncated/);
    await user.click(within(alert).getByRole('button', { name: 'OK' }));
    expect(await listWorkspaces()).toEqual(before);
  });

  it('asks before replacing a workspace that is already here', async () => {
    const bytes = encodeWorkspace(buildSampleWorkspace(), { appVersion: 'test' });
    const platform = fakePlatform({ openFile: async () => ({ name: 'relay.loupe', path: null, bytes }) });
    const { user } = await renderLoaded(platform);
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const ask = await screen.findByRole('alertdialog', { name: 'This workspace is already on this computer' }, WAIT);
    await user.click(within(ask).getByRole('button', { name: 'Open as a copy' }));
    await screen.findByRole('button', { name: /Workspace: Relay customer research \(sample\) \(copy\)/ }, WAIT);
    expect(await listWorkspaces()).toHaveLength(2);
  });

  it('saves through the platform and clears the unsaved state', async () => {
    const { user, platform } = await renderLoaded();
    await user.click(screen.getByRole('button', { name: /Switch workspace/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Workspaces' }, WAIT);
    await user.click(within(dialog).getByRole('button', { name: `Rename ${SAMPLE_NAME}` }));
    await user.click(within(dialog).getByRole('button', { name: 'Save name' }));
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(await screen.findByText('Unsaved changes', {}, WAIT)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved to Relay customer research (sample).loupe', {}, WAIT)).toBeInTheDocument();
    expect(platform.saveFile).toHaveBeenCalledTimes(1);
    const id = (await listWorkspaces())[0]?.id ?? '';
    expect((await getWorkspace(id))?.dirty).toBe(false);
  });
});
