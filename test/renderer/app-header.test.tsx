// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppHeader } from '../../renderer/src/status/AppHeader';

afterEach(() => cleanup());

const live = { state: 'live' as const, message: null, at: '2025-01-01T00:00:00.000Z', demo: false, missedCount: 0 };

describe('the window header', () => {
  it('shows why call toasts are not appearing, when main says so', () => {
    render(<AppHeader title="Ringtray" status={{ ...live, toastProblem: 'Call notifications are not showing. Install a signed release.' }} statusError={null} />);
    expect(screen.getByRole('alert').textContent).toBe('Call notifications are not showing. Install a signed release.');
  });

  it('shows no banner while toasts work', () => {
    render(<AppHeader title="Ringtray" status={{ ...live, toastProblem: null }} statusError={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
