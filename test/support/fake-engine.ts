// An in-memory RingtrayEngine for the desktop shell's tests (the real engine is tested in
// test/auth, test/transport, test/sandbox). It records what the shell asked for and lets a test
// emit status changes and call notices.
import type { CallNotice, CallSummary, LineRef } from '../../shared/calls';
import type { LineSelection } from '../../shared/settings';
import type { EngineStatus, RecentCallsRequest, RecentCallsResult, ReportLookup, RingtrayEngine } from '../../electron/engine/engine-api';

export class FakeEngine implements RingtrayEngine {
  calls: string[] = [];
  current: EngineStatus;
  historyItems: CallSummary[] = [];
  lines: LineRef[] = [];
  accountKey: string | null = null;
  signInError: Error | null = null;
  /** When set, stop() waits for this promise (a hanging stop). */
  stopGate: Promise<void> | null = null;
  details = new Map<string, { summary: CallSummary | null; report: ReportLookup }>();
  selections: LineSelection[] = [];
  lastRecentRequest: RecentCallsRequest | null = null;
  private statusListeners = new Set<(s: EngineStatus) => void>();
  private noticeListeners = new Set<(n: CallNotice) => void>();

  constructor(initial: Partial<EngineStatus> = {}) {
    this.current = { state: 'signed-out', message: null, problem: null, at: '2025-01-01T00:00:00.000Z', demo: false, ...initial };
  }
  status(): EngineStatus {
    return this.current;
  }
  onStatus(listener: (s: EngineStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }
  onNotice(listener: (n: CallNotice) => void): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }
  setStatus(patch: Partial<EngineStatus>): void {
    this.current = { ...this.current, ...patch };
    for (const l of this.statusListeners) l(this.current);
  }
  emitNotice(notice: CallNotice): void {
    for (const l of this.noticeListeners) l(notice);
  }
  get listenerCount(): number {
    return this.statusListeners.size + this.noticeListeners.size;
  }
  async start(): Promise<void> {
    this.calls.push('start');
  }
  async stop(timeoutMs?: number): Promise<void> {
    this.calls.push(`stop:${timeoutMs ?? 'default'}`);
    if (this.stopGate) await this.stopGate;
  }
  resume(): void {
    this.calls.push('resume');
  }
  retry(): void {
    this.calls.push('retry');
  }
  online(): void {
    this.calls.push('online');
  }
  async signIn(): Promise<void> {
    this.calls.push('signIn');
    if (this.signInError) throw this.signInError;
  }
  cancelSignIn(): void {
    this.calls.push('cancelSignIn');
  }
  async signOut(): Promise<void> {
    this.calls.push('signOut');
  }
  setLineSelection(selection: LineSelection): void {
    this.selections.push(selection);
  }
  async listLines(): Promise<{ lines: LineRef[]; mine: string[] }> {
    return { lines: this.lines, mine: this.lines.slice(0, 1).map((l) => l.id) };
  }
  async detectAccountKey(): Promise<string | null> {
    return this.accountKey;
  }
  history(): CallSummary[] {
    return this.historyItems;
  }
  async recentCalls(request: RecentCallsRequest): Promise<RecentCallsResult> {
    this.lastRecentRequest = request;
    return { items: this.historyItems.slice(0, request.limit), nextCursor: null, warning: null };
  }
  async callDetails(callId: string): Promise<{ summary: CallSummary | null; report: ReportLookup }> {
    return this.details.get(callId) ?? { summary: null, report: { state: 'pending' } };
  }
}
