// Calls missed since the user last looked: the tray badge and menu line. Counted from `missed`
// notices whether or not a toast was shown (Do Not Disturb hides toasts, not calls). Opening a
// call's report acknowledges that call; opening the main window (the recent-calls list) all.

export function createMissedCalls(onChange: (count: number) => void) {
  const unseen = new Set<string>();
  const changed = (before: number): void => {
    if (unseen.size !== before) onChange(unseen.size);
  };
  return {
    add(callId: string): void {
      const before = unseen.size;
      unseen.add(callId);
      changed(before);
    },
    acknowledge(callId: string): void {
      const before = unseen.size;
      unseen.delete(callId);
      changed(before);
    },
    acknowledgeAll(): void {
      const before = unseen.size;
      unseen.clear();
      changed(before);
    },
    get count(): number {
      return unseen.size;
    },
  };
}

export type MissedCalls = ReturnType<typeof createMissedCalls>;
