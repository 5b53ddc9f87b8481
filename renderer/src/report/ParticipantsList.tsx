import { formatPhoneNumber } from '../../../shared/phone-number';
import type { ReportParticipant } from '../../../shared/calls';

const KIND: Record<ReportParticipant['kind'], string> = { external: 'Caller', line: 'Your line', other: 'Other' };

export function ParticipantsList({ participants }: { participants: ReportParticipant[] }) {
  if (participants.length === 0) return <p className="muted">No participants listed.</p>;
  return (
    <ul className="participants">
      {participants.map((p) => (
        <li key={p.id}>
          <span className="participant-name">{p.name ?? (p.number ? formatPhoneNumber(p.number) : 'Unknown')}</span>
          <span className="participant-meta">
            {[KIND[p.kind], p.name && p.number ? formatPhoneNumber(p.number) : null, p.extension ? `ext. ${p.extension}` : null].filter(Boolean).join(' · ')}
          </span>
        </li>
      ))}
    </ul>
  );
}
