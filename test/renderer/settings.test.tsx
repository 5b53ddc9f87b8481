// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { SettingsScreen } from '../../renderer/src/settings/SettingsScreen';
import { settingsView } from '../support/call-fixtures';
import { createFakeApi, type FakeApi } from './support/fake-ringtray-api';
import { renderWithApi } from './support/render-with-api';

let fake: FakeApi;

beforeEach(() => {
  fake = createFakeApi();
});

async function renderSettings() {
  renderWithApi(<SettingsScreen />, fake.api);
  return screen.findByRole('form', { name: 'Settings' });
}

const field = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const errorOf = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .find((el) => el?.className === 'field-error')?.textContent;

// Links and secrets are pasted, as people usually enter them: typed key by key, each one
// re-rendered the whole form, and what is checked is the value, not the keystrokes.
describe('settings', () => {
  it('shows a bad CRM link inline and does not send it', async () => {
    const user = userEvent.setup({ delay: null });
    await renderSettings();
    const crm = field('CRM link');
    await user.click(crm);
    await user.paste('http://crm.example.com/?q={number}');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('The CRM link must start with https://');
    expect(crm.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(crm)).toBe('The CRM link must start with https://');
    expect(fake.api.updateSettings).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(crm));

    await user.clear(crm);
    await user.paste('https://crm.example.com/search');
    await user.tab();
    await screen.findByText(/must contain \{number\}/);
  });

  it('shows the server’s fieldErrors next to their fields', async () => {
    fake.api.updateSettings.mockResolvedValueOnce({
      ok: false,
      fieldErrors: { 'providers.goto.redirectUri': 'Port 12021 is used by another program.', somethingElse: 'Unknown problem.' },
    });
    const user = userEvent.setup({ delay: null });
    await renderSettings();
    const redirect = field('Redirect URI');
    await user.clear(redirect);
    await user.paste('http://127.0.0.1:12022/app/redirect');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Port 12021 is used by another program.');
    expect(errorOf(redirect)).toBe('Port 12021 is used by another program.');
    expect(screen.getByRole('alert').textContent).toContain('somethingElse: Unknown problem.');
    expect(screen.queryByText('✓ Saved')).toBeNull();
    // Editing the field clears its server error.
    await user.type(redirect, 'x');
    expect(screen.queryByText('Port 12021 is used by another program.')).toBeNull();
  });

  it('saves only what changed and shows Saved', async () => {
    const user = userEvent.setup({ delay: null });
    await renderSettings();
    await user.click(screen.getByRole('switch', { name: /Do Not Disturb/ }));
    screen.getByText('Unsaved changes');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('✓ Saved');
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ doNotDisturb: true });
    expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends the client secret once and never shows it back: "Saved", with Replace and Remove', async () => {
    const user = userEvent.setup({ delay: null });
    await renderSettings();
    screen.getByText('No client secret stored yet.');
    const secretInput = screen.getByLabelText('Client secret') as HTMLInputElement;
    expect(secretInput.type).toBe('password');
    await user.click(secretInput);
    await user.paste('s3cr3t-value');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('✓ Saved');
    expect(fake.api.setClientSecret).toHaveBeenCalledWith('s3cr3t-value');
    expect(document.body.innerHTML).not.toContain('s3cr3t-value');
    screen.getByText(/Saved in the OS keychain; it is never shown again/);
    expect(screen.getByLabelText('Client secret').textContent).toBe('Saved');
    // Replace brings back an empty input; Remove deletes the stored secret.
    await user.click(screen.getByRole('button', { name: 'Replace' }));
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(fake.api.removeClientSecret).toHaveBeenCalledTimes(1);
    await screen.findByText('No client secret stored yet.');
    expect((screen.getByLabelText('Client secret') as HTMLInputElement).type).toBe('password');
  });

  it('says when the secret is kept in memory only, with the reason', async () => {
    fake.state.settings = settingsView({ hasClientSecret: true, secretStorage: 'memory', secretStorageMessage: 'The keychain is locked.' });
    await renderSettings();
    screen.getByText(/Saved in memory only/);
    screen.getByText(/The keychain is locked\./);
  });

  it('follows settings changed elsewhere unless the form has unsaved edits', async () => {
    const user = userEvent.setup({ delay: null });
    await renderSettings();
    const pushed = settingsView();
    pushed.settings.providers.goto!.clientId = 'from-the-tray';
    act(() => fake.emitSettings(pushed));
    expect(field('Client ID').value).toBe('from-the-tray');

    await user.type(field('Account key'), 'mine');
    const again = settingsView();
    again.settings.providers.goto!.clientId = 'changed-again';
    act(() => fake.emitSettings(again));
    expect(field('Client ID').value).toBe('from-the-tray');
    expect(field('Account key').value).toBe('mine');
  });

  it('lists the account’s lines when “Chosen lines” is picked', async () => {
    const user = userEvent.setup({ delay: null });
    await renderSettings();
    await user.click(screen.getByRole('radio', { name: /Chosen lines/ }));
    const group = await screen.findByRole('group', { name: 'Chosen lines' });
    const support = await within(group).findByRole('checkbox', { name: /Support/ });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText(/Choose at least one line/);
    await user.click(support);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('✓ Saved');
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ lineFilter: { mode: 'chosen', lineIds: ['line-2'] } });
  });

  it('detects the account key', async () => {
    const user = userEvent.setup({ delay: null });
    await renderSettings();
    await user.click(screen.getByRole('button', { name: 'Detect' }));
    await waitFor(() => expect(field('Account key').value).toBe('4141234567890'));
    screen.getByText('Account key detected.');
  });
});
