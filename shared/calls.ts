import type { z } from 'zod';
import type { callEventSchema, callNoticeSchema, callReportSchema, callSummarySchema, lineRefSchema, partySchema } from './call-schemas';

// The call domain every provider is normalized into (docs/architecture.md, "Calls"): a provider
// adapter turns its frames into `CallEvent`s; the call tracker turns those into `CallNotice`s;
// the sinks (toasts, tray, windows, history, headless output) only ever see notices. Each type is
// the output of its schema in ./call-schemas.ts, where the fields are documented.

export const PROVIDER_IDS = ['goto', 'ringcentral', 'dialpad'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export type Party = z.output<typeof partySchema>;
export type LineRef = z.output<typeof lineRefSchema>;
export type CallEvent = z.output<typeof callEventSchema>;
export type CallNotice = z.output<typeof callNoticeSchema>;
export type CallReport = z.output<typeof callReportSchema>;
export type CallSummary = z.output<typeof callSummarySchema>;

export type CallDirection = CallEvent['direction'];
export type LineLeg = CallEvent['legs'][number];
export type LegStatus = LineLeg['status'];
export type CallNoticeType = CallNotice['type'];
export type CallOutcome = CallReport['outcome'];
export type ReportParticipant = CallReport['participants'][number];
export type ReportState = CallReport['timeline'][number];
