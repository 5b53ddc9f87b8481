// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RingtrayApi } from '../../shared/ipc/api';
import { RingtrayApiProvider } from '../../renderer/src/api/api-context';
import { AppHeader } from '../../renderer/src/status/AppHeader';
import { status } from '../support/call-fixtures';
import { createFakeApi } from './support/fake-ringtray-api';

afterEach(() => cleanup());
const renderWithApi = (ui: ReactElement, api: RingtrayApi) => render(<RingtrayApiProvider api={api}>{ui}</RingtrayApiProvider>);

const live = { state: 'live' as const, message: null, at: '2025-01-01T00:00:00.000Z', demo: false, missedCount: 0 };
let fake: ReturnType<typeof createFakeApi>;
beforeEach(() => {
  fake = createFakeApi();
});

describe('the window header', () => {
  it('shows why call toasts are not appearing, when main says so', () => {
    renderWithApi(<AppHeader title="Ringtray" status={{ ...live, toastProblem: 'Call notifications are not showing. Install a signed release.' }} statusError={null} />, fake.api);
    expect(screen.getByRole('alert').textContent).toBe('Call notifications are not showing. Install a signed release.');
  });

  it('shows no banner while toasts work', () => {
    renderWithApi(<AppHeader title="Ringtray" status={{ ...live, toastProblem: null }} statusError={null} />, fake.api);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names the chosen phone system from its descriptor, and none before it is known', async () => {
    const chosen = fake.state.providers.find((p) => p.id !== 'goto')!;
    fake.state.settings = { ...fake.state.settings, settings: { ...fake.state.settings.settings, activeProvider: chosen.id } };
    let answer: () => void = () => undefined;
    const settingsRead = new Promise<void>((resolve) => (answer = resolve));
    const getSettings = fake.api.getSettings.getMockImplementation()!;
    fake.api.getSettings.mockImplementation(async () => (await settingsRead, getSettings()));
    renderWithApi(<AppHeader title="Ringtray" status={status('connecting')} statusError={null} />, fake.api);
    expect(screen.getByRole('status').textContent).toContain('Connecting to your phone system…');
    answer();
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain(`Connecting to ${chosen.displayName}…`));
  });

  it('a stopped connection shows what is wrong with Retry and Sign in again, reachable by keyboard', async () => {
    const message = 'GoTo refused to send call events for this account (403). Subscribing needs an admin of the GoTo Connect account.';
    const stopped = { ...live, state: 'needs-attention' as const, message, problem: { kind: 'refused' as const, message, actions: ['retry' as const, 'sign-in' as const], retryAt: null } };
    renderWithApi(<AppHeader title="Ringtray" status={stopped} statusError={null} />, fake.api);
    expect(screen.getByRole('alert').textContent).toContain(message);
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Retry now' }));
    await user.keyboard('{Enter}');
    expect(fake.api.retryConnection).toHaveBeenCalledTimes(1);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Sign in again' }));
    expect(screen.getByRole('status').textContent).toContain('Stopped');
  });

  it('no Retry while merely offline or reconnecting', () => {
    renderWithApi(<AppHeader title="Ringtray" status={{ ...live, state: 'reconnecting' }} statusError={null} />, fake.api);
    expect(screen.queryByRole('button', { name: 'Retry now' })).toBeNull();
  });
});
