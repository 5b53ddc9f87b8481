import type { CallNotice } from '../../shared/calls';
import type { EngineStatus, RecentCallsResult, RingtrayEngine } from './engine-api';

// The engine when there is nothing to connect to: before the user has set up a provider (first
// run), while the desktop starts, and when an engine or the demo could not be built. It is signed
// out, says why, refuses sign-in and call reports with that sentence, and has no lines or calls.
// The app shows the sign-in screen (with "Try the demo") until there is a real engine.

export class SignedOutEngine implements RingtrayEngine {
  private readonly snapshot: EngineStatus;

  constructor(private readonly problem: string, now = new Date()) {
    this.snapshot = { state: 'signed-out', message: problem, problem: null, at: now.toISOString(), demo: false };
  }

  status(): EngineStatus {
    return this.snapshot;
  }
  onStatus(_listener: (status: EngineStatus) => void): () => void {
    return () => undefined;
  }
  onNotice(_listener: (notice: CallNotice) => void): () => void {
    return () => undefined;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  resume(): void {}
  online(): void {}
  retry(): void {}
  async signIn(): Promise<void> {
    throw new Error(this.problem);
  }
  cancelSignIn(): void {}
  async signOut(): Promise<void> {}
  setLineSelection(): void {}
  async listLines(): Promise<{ lines: never[]; mine: never[] }> {
    return { lines: [], mine: [] };
  }
  async detectAccountKey(): Promise<string | null> {
    return null;
  }
  history() {
    return [];
  }
  async recentCalls(): Promise<RecentCallsResult> {
    return { items: [], nextCursor: null, warning: null };
  }
  async callDetails() {
    return { summary: null, report: { state: 'error' as const, message: this.problem } };
  }
}
