import type { ReactNode } from 'react';
import type { AppStatusView } from '../../../shared/ipc/api';
import { ProblemBanner } from './ProblemBanner';
import { StatusPill } from './StatusPill';

interface Props {
  title: string;
  status: AppStatusView | null;
  statusError: string | null;
  children?: ReactNode;
}

/** The top bar of every window: what this window is, the connection state, the demo badge. */
export function AppHeader({ title, status, statusError, children }: Props) {
  return (
    <header className="app-header">
      <div className="app-header-row">
        <div className="app-brand">
          <span className="app-logo" aria-hidden="true" />
          <h1 className="app-title">{title}</h1>
          {status?.demo && (
            <span className="demo-badge" title="Running against the built-in demo sandbox with generated calls">
              Demo
            </span>
          )}
        </div>
        <StatusPill status={status} />
      </div>
      {status?.state === 'needs-attention' && status.problem && <ProblemBanner problem={status.problem} />}
      {status?.toastProblem && (
        <p className="banner banner-warn" role="alert">
          {status.toastProblem}
        </p>
      )}
      {statusError && (
        <p className="header-error" role="alert">
          {statusError}
        </p>
      )}
      {children}
    </header>
  );
}
