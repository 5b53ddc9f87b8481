import { Icon } from '../icons/Icon';

interface Props {
  title: string;
  message: string;
  retrying: boolean;
  onRetry: () => void;
}

/** What went wrong, in the engine's words, and the way out. */
export function ReportProblem({ title, message, retrying, onRetry }: Props) {
  return (
    <div className="report-state report-state-error" role="alert">
      <Icon name="alert" className="report-state-icon" />
      <div>
        <p className="report-state-title">{title}</p>
        <p>{message}</p>
      </div>
      <button type="button" className="button button-small" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
