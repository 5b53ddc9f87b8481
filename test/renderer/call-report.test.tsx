// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CallReportWindow } from '../../renderer/src/report/CallReportWindow';
import type { AppStatusState } from '../../renderer/src/status/use-app-status';
import { details, notice, report, status } from '../support/call-fixtures';
import { createFakeApi, type FakeApi } from './support/fake-ringtray-api';
import { facts } from './support/queries';
import { renderWithApi } from './support/render-with-api';

const CALL = 'conv-42';
const appStatus: AppStatusState = { status: status('live'), error: null };
let fake: FakeApi;

beforeEach(() => {
  fake = createFakeApi();
  fake.state.details.set(CALL, details(CALL, { state: 'pending' }));
});

const renderReport = () => renderWithApi(<CallReportWindow callId={CALL} appStatus={appStatus} />, fake.api);

describe('call report window', () => {
  it('shows the caller, says when the report will appear, and follows the live call to its report', async () => {
    renderReport();
    await screen.findByRole('heading', { name: 'Jane Doe' });
    screen.getByText('+15551234567');
    screen.getByText('Incoming call');
    expect(facts()).toEqual({ Line: 'Sales', Extension: '1001' });
    expect(screen.getByText('Ringing').closest('[role="status"]')).not.toBeNull();
    screen.getByText('The report appears when the call ends.');

    act(() => fake.emitNotice(notice('answered', CALL)));
    expect((await screen.findByText('Connected')).closest('[role="status"]')).not.toBeNull();

    const ready = report(CALL);
    fake.state.details.set(CALL, details(CALL, { state: 'ready', report: ready }));
    act(() => fake.emitNotice(notice('report', CALL, { report: ready })));

    await screen.findByText('Jane asked to move her delivery to Friday.');
    expect(within(screen.getByRole('list', { name: 'Topics' })).getAllByRole('listitem').map((t) => t.textContent)).toEqual(['Delivery', 'Scheduling']);
    expect(facts()).toMatchObject({ Line: 'Sales', Extension: '1001', Outcome: 'Answered (normal)', Duration: '2:05' });
    screen.getByText('Call ended');
    screen.getByText('Hung up');
    expect(screen.queryByText('The report appears when the call ends.')).toBeNull();
  });

  it('ignores notices for other calls', async () => {
    renderReport();
    await screen.findByText('Ringing');
    act(() => fake.emitNotice(notice('answered', 'someone-else')));
    expect(screen.queryByText('Connected')).toBeNull();
  });

  it('re-reads the report after the call ends, until GoTo has built it', async () => {
    renderReport();
    await screen.findByText('The report appears when the call ends.');
    // The window re-reads on its own timer, the first time 1.5 s after the end notice: the test
    // moves that clock instead of waiting for it. (Testing Library's findBy… and waitFor wait on
    // setTimeout too, so only getBy… until the real timers are back.)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const callsBefore = fake.api.getCallDetails.mock.calls.length;
      act(() => fake.emitNotice(notice('ended', CALL)));
      screen.getByText(/GoTo is preparing the report/);
      fake.state.details.set(CALL, details(CALL, { state: 'ready', report: report(CALL) }));
      expect(fake.api.getCallDetails.mock.calls.length).toBe(callsBefore);

      await act(() => vi.advanceTimersByTimeAsync(1_500));
      expect(fake.api.getCallDetails.mock.calls.length).toBe(callsBefore + 1);
      screen.getByText('Jane asked to move her delivery to Friday.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a report error with a Retry that works', async () => {
    fake.state.details.set(CALL, details(CALL, { state: 'error', message: 'GoTo did not answer in time.' }));
    renderReport();
    await screen.findByText('GoTo did not answer in time.');
    expect(screen.getByRole('alert').textContent).toContain('The report could not be loaded');

    fake.state.details.set(CALL, details(CALL, { state: 'ready', report: report(CALL) }));
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByText('Jane asked to move her delivery to Friday.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows why the call could not be loaded, and retries', async () => {
    fake.api.getCallDetails.mockRejectedValueOnce(new Error('Ringtray lost its connection to GoTo.'));
    renderReport();
    expect((await screen.findByRole('alert')).textContent).toContain('Ringtray lost its connection to GoTo.');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('heading', { name: 'Jane Doe' });
  });

  it('copies the number through main, and says how to copy it when that fails', async () => {
    const user = userEvent.setup({ delay: null });
    renderReport();
    const copy = await screen.findByRole('button', { name: 'Copy number +15551234567' });
    // The page's own clipboard is denied in the app: it must never be the way.
    const pageClipboard = vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('permission denied'));
    await user.click(copy);
    expect(fake.api.copyText).toHaveBeenCalledWith('+15551234567');
    await waitFor(() => expect(copy.textContent).toBe('Copied'));
    expect(pageClipboard).not.toHaveBeenCalled();

    fake.api.copyText.mockRejectedValueOnce(new Error('no clipboard'));
    await user.click(screen.getByRole('button', { name: 'Copy number +15551234567' }));
    await screen.findByText(/Could not copy automatically/);
  });

  it('offers Open in CRM when a CRM link is set, and shows why it did not open', async () => {
    fake.state.details.set(CALL, details(CALL, { state: 'pending' }, { crmUrl: 'https://crm.example.com/?q=%2B15551234567' }));
    fake.api.openCrm.mockResolvedValueOnce({ opened: false, reason: 'The CRM link is not https.' });
    renderReport();
    await userEvent.click(await screen.findByRole('button', { name: 'Open in CRM' }));
    expect(fake.api.openCrm).toHaveBeenCalledWith('+15551234567');
    expect((await screen.findByRole('alert')).textContent).toBe('The CRM link is not https.');
  });

  it('has no Open in CRM button without a CRM link', async () => {
    renderReport();
    await screen.findByRole('heading', { name: 'Jane Doe' });
    expect(screen.queryByRole('button', { name: 'Open in CRM' })).toBeNull();
  });

  it('shows a missed call as missed', async () => {
    renderReport();
    await screen.findByText('Ringing');
    act(() => fake.emitNotice(notice('missed', CALL)));
    await screen.findByText('Missed call');
  });
});
