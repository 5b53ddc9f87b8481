// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CallReportWindow } from '../../renderer/src/report/CallReportWindow';
import type { AppStatusState } from '../../renderer/src/status/use-app-status';
import { details, notice, report, status } from './support/call-fixtures';
import { createFakeApi, type FakeApi } from './support/fake-ringtray-api';
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
    expect(await screen.findByRole('heading', { name: 'Jane Doe' })).toBeTruthy();
    expect(screen.getByText('+15551234567')).toBeTruthy();
    expect(screen.getByText('Incoming call')).toBeTruthy();
    expect(screen.getByText('Sales')).toBeTruthy();
    expect(screen.getByText('1001')).toBeTruthy();
    expect(screen.getByText('Ringing')).toBeTruthy();
    expect(screen.getByText('The report appears when the call ends.')).toBeTruthy();

    act(() => fake.emitNotice(notice('answered', CALL)));
    expect(await screen.findByText('Connected')).toBeTruthy();

    const ready = report(CALL);
    fake.state.details.set(CALL, details(CALL, { state: 'ready', report: ready }));
    act(() => fake.emitNotice(notice('report', CALL, { report: ready })));

    expect(await screen.findByText('Jane asked to move her delivery to Friday.')).toBeTruthy();
    expect(screen.getByText('Delivery')).toBeTruthy();
    expect(screen.getByText('2:05')).toBeTruthy();
    expect(screen.getByText('(normal)').parentElement?.textContent).toBe('Answered (normal)');
    expect(screen.getByText('Call ended')).toBeTruthy();
    expect(screen.getByText('Hung up')).toBeTruthy();
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
    const callsBefore = fake.api.getCallDetails.mock.calls.length;
    act(() => fake.emitNotice(notice('ended', CALL)));
    expect(await screen.findByText(/GoTo is preparing the report/)).toBeTruthy();

    fake.state.details.set(CALL, details(CALL, { state: 'ready', report: report(CALL) }));
    // The first re-read is 1.5 s after the end notice.
    expect(await screen.findByText('Jane asked to move her delivery to Friday.', undefined, { timeout: 5_000 })).toBeTruthy();
    expect(fake.api.getCallDetails.mock.calls.length).toBeGreaterThan(callsBefore);
  });

  it('shows a report error with a Retry that works', async () => {
    fake.state.details.set(CALL, details(CALL, { state: 'error', message: 'GoTo did not answer in time.' }));
    renderReport();
    expect(await screen.findByText('GoTo did not answer in time.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('The report could not be loaded');

    fake.state.details.set(CALL, details(CALL, { state: 'ready', report: report(CALL) }));
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Jane asked to move her delivery to Friday.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows why the call could not be loaded, and retries', async () => {
    fake.api.getCallDetails.mockRejectedValueOnce(new Error('Ringtray lost its connection to GoTo.'));
    renderReport();
    expect(await screen.findByText('Ringtray lost its connection to GoTo.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Jane Doe' })).toBeTruthy();
  });

  it('copies the number through main, and says how to copy it when that fails', async () => {
    const user = userEvent.setup();
    renderReport();
    const copy = await screen.findByRole('button', { name: 'Copy number +15551234567' });
    // The page's own clipboard is denied in the app: it must never be the way.
    const pageClipboard = vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('permission denied'));
    await user.click(copy);
    expect(fake.api.copyText).toHaveBeenCalledWith('+15551234567');
    expect(await screen.findByText('Copied')).toBeTruthy();
    expect(pageClipboard).not.toHaveBeenCalled();

    fake.api.copyText.mockRejectedValueOnce(new Error('no clipboard'));
    await user.click(screen.getByRole('button', { name: 'Copy number +15551234567' }));
    expect(await screen.findByText(/Could not copy automatically/)).toBeTruthy();
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
    expect(await screen.findByText('Missed call')).toBeTruthy();
  });
});
