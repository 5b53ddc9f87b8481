// Where provider data enters the engine (docs/security.md, "Provider strings"): every event,
// report, history row and line goes through the shared call schemas, which strip unsafe
// characters and cap display text. Something that fails them (an id too long, a missing field) is
// dropped and logged, never passed on half-checked.
import type { z } from 'zod';
import { callEventSchema, callReportSchema, callSummarySchema, lineRefSchema } from '../../shared/call-schemas';
import type { CallEvent, CallReport, CallSummary, LineRef } from '../../shared/calls';
import type { Logger } from './log/logger';

export interface ProviderInput {
  event(value: CallEvent): CallEvent | null;
  report(value: CallReport): CallReport | null;
  summaries(values: readonly CallSummary[]): CallSummary[];
  lines(values: readonly LineRef[]): LineRef[];
}

export function createProviderInput(log: Logger): ProviderInput {
  let dropped = 0;
  const check = <T>(schema: z.ZodType<T>, what: string, value: unknown): T | null => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    dropped += 1;
    const issue = result.error.issues[0];
    // The path and the kind of problem only: the value is the provider's and may be huge.
    log.warn('dropped provider data that failed validation', { what, at: issue?.path.join('.') ?? '', problem: issue?.code ?? 'invalid', dropped });
    return null;
  };
  return {
    event: (value) => check(callEventSchema, 'event', value),
    report: (value) => check(callReportSchema, 'report', value),
    summaries: (values) => values.flatMap((v) => check(callSummarySchema, 'history row', v) ?? []),
    lines: (values) => values.flatMap((v) => check(lineRefSchema, 'line', v) ?? []),
  };
}
