import type { Logger } from '../log/logger';

/** A tiny typed event emitter; a throwing listener is logged and never breaks the emitter. */
export class TypedEmitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(payload: never) => void>>();

  constructor(private readonly logger?: Logger) {}

  /** Returns the unsubscribe function. */
  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) {
      try {
        (listener as (p: Events[K]) => void)(payload);
      } catch (error) {
        this.logger?.error('event listener threw', { event: String(event), error });
      }
    }
  }

  removeAll(): void {
    this.listeners.clear();
  }
}
