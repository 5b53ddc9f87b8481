// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../renderer/src/App';
import { settingsView, status } from '../support/call-fixtures';
import { createFakeApi, type FakeApi } from './support/fake-ringtray-api';
import { headerStatus } from './support/queries';
import { renderWithApi } from './support/render-with-api';

let fake: FakeApi;

beforeEach(() => {
  fake = createFakeApi();
  fake.state.status = status('signed-out');
});

describe('sign-in screen', () => {
  it('explains what is needed: the redirect URI and the scopes', async () => {
    fake.state.settings = settingsView();
    fake.state.settings.settings.providers.goto!.redirectUri = 'http://127.0.0.1:12555/app/redirect';
    renderWithApi(<App />, fake.api);
    await screen.findByRole('heading', { name: 'Connect Ringtray to GoTo Connect' });
    expect((await screen.findByText('http://127.0.0.1:12555/app/redirect')).tagName).toBe('CODE');
    // Exactly these scopes, no more: each one is a permission the user must grant.
    const scopes = screen.getByText('cr.v1.read').closest('ul')!;
    expect(within(scopes).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'call-events.v1.notifications.manage',
      'cr.v1.read',
      'call-events.v1.events.read',
      'users.v1.lines.read',
    ]);
    screen.getByRole('tab', { name: 'Sign in', selected: true });
    expect(headerStatus()).toBe('Signed out · Sign in to see your calls');
    screen.getByText(/No Client ID is set yet/);
  });

  it('shows a busy port prominently as an alert, and signs in', async () => {
    fake.state.status = status('signed-out', { message: 'Port 12021 is in use by another program. Close it, or change the redirect URI in Settings.' });
    const user = userEvent.setup();
    renderWithApi(<App />, fake.api);
    expect((await screen.findByRole('alert')).textContent).toContain('Port 12021 is in use by another program.');
    await user.click(screen.getByRole('button', { name: 'Sign in with GoTo' }));
    expect(fake.api.signIn).toHaveBeenCalledTimes(1);
  });

  it('follows the sign-in: waiting (with Cancel), then cancelled', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, fake.api);
    await screen.findByRole('button', { name: 'Sign in with GoTo' });
    act(() => fake.emitStatus(status('signing-in', { message: 'Waiting for you to finish in the browser…' })));
    expect((await screen.findByText('Waiting for you to finish in the browser…')).getAttribute('role')).toBe('status');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cancel sign-in' }));
    expect(fake.api.cancelSignIn).toHaveBeenCalledTimes(1);

    act(() => fake.emitStatus(status('signed-out', { message: 'Sign-in was cancelled.' })));
    expect((await screen.findByRole('alert')).textContent).toContain('Sign-in was cancelled.');
    screen.getByRole('button', { name: 'Sign in with GoTo' });
  });

  it('shows what to do when the session ended', async () => {
    fake.state.status = status('needs-sign-in', { message: 'The keychain is locked: unlock it and sign in again.' });
    renderWithApi(<App />, fake.api);
    expect((await screen.findByRole('alert')).textContent).toContain('The keychain is locked');
    screen.getByRole('heading', { level: 1, name: 'Ringtray' });
    expect(headerStatus()).toMatch(/^Sign-in needed · /);
  });

  it('starts the demo, then shows recent calls with a Demo badge', async () => {
    const user = userEvent.setup();
    renderWithApi(<App />, fake.api);
    await user.click(await screen.findByRole('button', { name: 'Try the demo' }));
    expect(fake.api.startDemo).toHaveBeenCalledTimes(1);
    act(() => fake.emitStatus(status('live', { demo: true })));
    await within(screen.getByRole('banner')).findByText('Demo');
    screen.getByRole('tab', { name: 'Recent calls', selected: true });
    expect(headerStatus()).toBe('Live · Listening for calls');
  });

  it('shows a failed sign-in request', async () => {
    fake.api.signIn.mockRejectedValueOnce(new Error('Set a client ID in Settings first.'));
    const user = userEvent.setup();
    renderWithApi(<App />, fake.api);
    await user.click(await screen.findByRole('button', { name: 'Sign in with GoTo' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Set a client ID in Settings first.');
  });
});

describe('app shell', () => {
  it('names the connection state in the header for every state', async () => {
    fake.state.status = status('live');
    renderWithApi(<App />, fake.api);
    await waitFor(() => expect(headerStatus()).toBe('Live · Listening for calls'));
    for (const [state, label] of [
      ['connecting', 'Connecting'],
      ['reconnecting', 'Reconnecting'],
      ['offline', 'Offline'],
    ] as const) {
      act(() => fake.emitStatus(status(state)));
      await waitFor(() => expect(headerStatus()).toMatch(new RegExp(`^${label} · `)));
    }
  });

  it('routes #/report/<callId> to the call report window', async () => {
    window.location.hash = '#/report/conv%2F7';
    fake.api.getCallDetails.mockRejectedValue(new Error('No such call.'));
    renderWithApi(<App />, fake.api);
    expect((await screen.findByText('No such call.')).closest('[role="alert"]')).not.toBeNull();
    expect(fake.api.getCallDetails).toHaveBeenCalledWith('conv/7');
  });

  it('switches tabs with the arrow keys', async () => {
    fake.state.status = status('live');
    const user = userEvent.setup();
    renderWithApi(<App />, fake.api);
    const calls = await screen.findByRole('tab', { name: 'Recent calls' });
    calls.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Settings', selected: true })).toBe(document.activeElement);
    await screen.findByRole('form', { name: 'Settings' });
  });
});
