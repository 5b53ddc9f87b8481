import type { CallReport } from '../../../shared/calls';
import { Icon } from '../icons/Icon';

/** GoTo's AI summary and topics, shown only when the report carries them. */
export function AiSummary({ ai }: { ai: CallReport['ai'] }) {
  if (!ai || (!ai.summary && ai.topics.length === 0)) return null;
  return (
    <section className="report-section ai-summary" aria-labelledby="ai-summary-heading">
      <h3 id="ai-summary-heading">
        <Icon name="spark" />
        AI summary
      </h3>
      {ai.summary && <p className="ai-text">{ai.summary}</p>}
      {ai.topics.length > 0 && (
        <ul className="topics" aria-label="Topics">
          {ai.topics.map((topic) => (
            <li key={topic} className="topic">
              {topic}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
