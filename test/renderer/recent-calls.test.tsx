// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { RecentCalls } from '../../renderer/src/recent/RecentCalls';
import { notice, summary } from '../support/call-fixtures';
import { createFakeApi, type FakeApi } from './support/fake-ringtray-api';
import { renderWithApi } from './support/render-with-api';

let fake: FakeApi;

beforeEach(() => {
  fake = createFakeApi();
  fake.state.history = Array.from({ length: 1_000 }, (_, i) => summary(i));
  fake.state.pageSize = 100;
});

const rows = () => screen.getAllByRole('listitem');
const lastQuery = () => fake.api.listRecentCalls.mock.calls.at(-1)?.[0];

describe('recent calls', () => {
  it('lists the first page, virtualized, with missed calls marked in words and colour', async () => {
    renderWithApi(<RecentCalls />, fake.api);
    const first = await screen.findByRole('button', { name: /Caller 1\b/ });
    expect(first.textContent).toContain('Answered');
    // Only the rows in view (600 px / 56 px, plus overscan) are in the DOM.
    expect(rows().length).toBeLessThan(40);
    const missed = screen.getByRole('button', { name: /Caller 0\b/ });
    within(missed).getByText('Missed');
    expect(missed.className).toContain('is-missed');
    expect(first.className).not.toContain('is-missed');
    screen.getByText('100 calls — scroll for more');
  });

  it('loads the next page when scrolled near the end', async () => {
    renderWithApi(<RecentCalls />, fake.api);
    await screen.findByRole('button', { name: /Caller 1\b/ });
    const list = screen.getByRole('list', { name: 'Recent calls' });
    list.scrollTop = 100 * 56 - 600;
    fireEvent.scroll(list);
    await screen.findByText('200 calls — scroll for more');
    expect(lastQuery()).toMatchObject({ cursor: '100' });
    await screen.findByRole('button', { name: /Caller 99\b/ });
  });

  it('filters missed calls through the radio group', async () => {
    const user = userEvent.setup();
    renderWithApi(<RecentCalls />, fake.api);
    await screen.findByRole('button', { name: /Caller 1\b/ });
    const group = screen.getByRole('radiogroup', { name: 'Show calls' });
    await user.click(within(group).getByRole('radio', { name: 'Missed' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Caller 1\b/ })).toBeNull());
    expect(lastQuery()).toMatchObject({ filter: 'missed', cursor: null });
    for (const row of rows()) expect(row.textContent).toContain('Missed');
    expect((within(group).getByRole('radio', { name: 'Missed' }) as HTMLInputElement).checked).toBe(true);
  });

  it('searches by name or number, debounced', async () => {
    const user = userEvent.setup();
    renderWithApi(<RecentCalls />, fake.api);
    await screen.findByRole('button', { name: /Caller 1\b/ });
    const before = fake.api.listRecentCalls.mock.calls.length;
    await user.type(screen.getByRole('searchbox', { name: 'Search calls by name or number' }), 'Caller 999');
    await screen.findByText('1 call');
    screen.getByRole('button', { name: /Caller 999/ });
    // One query for the settled text, not one per keystroke.
    expect(fake.api.listRecentCalls.mock.calls.length - before).toBeLessThanOrEqual(2);
    expect(lastQuery()).toMatchObject({ search: 'Caller 999' });
  });

  it('says so when nothing matches, and Escape clears the search', async () => {
    const user = userEvent.setup();
    renderWithApi(<RecentCalls />, fake.api);
    await screen.findByRole('button', { name: /Caller 1\b/ });
    const search = screen.getByRole('searchbox', { name: 'Search calls by name or number' });
    await user.type(search, 'nobody');
    await screen.findByText('No calls match \u201cnobody\u201d.');
    await user.keyboard('{Escape}');
    await screen.findByRole('button', { name: /Caller 1\b/ });
  });

  it('shows an empty state when there are no calls', async () => {
    fake.state.history = [];
    renderWithApi(<RecentCalls />, fake.api);
    await screen.findByText('No calls yet. Calls appear here the moment your phone rings.');
  });

  it('opens the call report on click and on Enter', async () => {
    const user = userEvent.setup();
    renderWithApi(<RecentCalls />, fake.api);
    await user.click(await screen.findByRole('button', { name: /Caller 3\b/ }));
    expect(fake.api.openCallReport).toHaveBeenLastCalledWith('call-3');
    screen.getByRole('button', { name: /Caller 4\b/ }).focus();
    await user.keyboard('{Enter}');
    expect(fake.api.openCallReport).toHaveBeenLastCalledWith('call-4');
    // Arrow keys move between rows.
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toContain('Caller 5');
  });

  it('adds a ringing call on top and updates it live', async () => {
    renderWithApi(<RecentCalls />, fake.api);
    await screen.findByRole('button', { name: /Caller 1\b/ });
    act(() => fake.emitNotice(notice('ringing', 'new-call', { caller: { name: 'Jane Doe', number: '+15551234567' } })));
    const row = await screen.findByRole('button', { name: /Jane Doe/ });
    expect(rows()[0]?.textContent).toContain('Jane Doe');
    expect(row.textContent).toContain('Ringing');
    act(() => fake.emitNotice(notice('missed', 'new-call', { caller: { name: null, number: null } })));
    await waitFor(() => expect(screen.getByRole('button', { name: /Jane Doe/ }).textContent).toContain('Missed'));
    screen.getByText('101 calls — scroll for more');
  });

  it('shows the provider warning and a retry for a failed page', async () => {
    fake.state.warning = 'GoTo history is unavailable right now; showing calls seen on this computer.';
    fake.api.listRecentCalls.mockRejectedValueOnce(new Error('Could not read the call history.'));
    const user = userEvent.setup();
    renderWithApi(<RecentCalls />, fake.api);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not read the call history.');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText(fake.state.warning);
    screen.getByRole('button', { name: /Caller 1\b/ });
  });
});
