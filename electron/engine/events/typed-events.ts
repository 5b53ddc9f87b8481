// A minimal typed listener list. Not Node's EventEmitter: an 'error' event there throws when
// nobody listens, and a throwing listener would abort the emitter's own state change halfway.
// Here a listener that throws is reported to `onListenerError` and the others still run.

type Listener = (...args: never[]) => void;

export class TypedEvents<E extends { [K in keyof E]: Listener }> {
  private readonly listeners = new Map<keyof E, Set<Listener>>();
  protected onListenerError: (event: keyof E, error: unknown) => void = () => undefined;

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof E>(event: K, listener: E[K]): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** Drops every listener (an owner's dispose). */
  protected clear(): void {
    this.listeners.clear();
  }

  protected emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as (...a: Parameters<E[K]>) => void)(...args);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }
}

/** The same list for an owner that emits from outside (composition rather than inheritance). */
export class EventList<E extends { [K in keyof E]: Listener }> extends TypedEvents<E> {
  constructor(onListenerError?: (event: keyof E, error: unknown) => void) {
    super();
    if (onListenerError) this.onListenerError = onListenerError;
  }

  override emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): void {
    super.emit(event, ...args);
  }

  removeAll(): void {
    this.clear();
  }
}
