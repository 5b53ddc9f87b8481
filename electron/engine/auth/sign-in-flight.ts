// Sign-in is single flight (docs/security.md, "Sign-in"): a second request while one is in
// progress (tray and window clicked close together, a slow keychain) joins it and brings its
// browser page up again, instead of starting a second listener on the same registered port —
// which used to fail with "port in use" and orphan the first attempt so Cancel could not reach it.
// Cancel reaches the attempt in every phase: while the client secret is read (the attempt will
// not start) and while the listener waits (it is closed). Provider-neutral: every provider's
// sign-in runs through one of these.

/** What a running attempt exposes to the flight. */
export interface CancellableAttempt {
  cancel(): Promise<void>;
}

export interface SignInFlightControl {
  /** True once Cancel was pressed: do not start the listener. */
  readonly cancelled: boolean;
  /** Hands the started attempt to the flight, so Cancel closes its listener. */
  attach(attempt: CancellableAttempt): void;
  /** Wraps the opener of the authorize URL: the URL is kept so a joining request re-opens it. */
  opener(open: (url: string) => void | Promise<void>): (url: string) => Promise<void>;
}

interface Flight<T> {
  promise: Promise<T>;
  cancelled: boolean;
  attempt: CancellableAttempt | null;
  url: string | null;
  open: ((url: string) => void | Promise<void>) | null;
}

export function createSignInFlight<T>() {
  let current: Flight<T> | null = null;

  return {
    /** Starts `run`, or joins the flight in progress (re-opening its browser page). */
    run(run: (control: SignInFlightControl) => Promise<T>): Promise<T> {
      if (current) {
        const { url, open } = current;
        if (url && open) void Promise.resolve(open(url)).catch(() => undefined);
        return current.promise;
      }
      const flight: Flight<T> = { promise: Promise.resolve() as Promise<T>, cancelled: false, attempt: null, url: null, open: null };
      const control: SignInFlightControl = {
        get cancelled() {
          return flight.cancelled;
        },
        attach(attempt) {
          flight.attempt = attempt;
          if (flight.cancelled) void attempt.cancel();
        },
        opener(open) {
          flight.open = open;
          return async (url) => {
            flight.url = url;
            await open(url);
          };
        },
      };
      current = flight;
      flight.promise = run(control).finally(() => {
        if (current === flight) current = null;
      });
      return flight.promise;
    },
    /** Cancels the flight in progress, whatever its phase; resolves once its listener is closed. */
    async cancel(): Promise<void> {
      const flight = current;
      if (!flight) return;
      flight.cancelled = true;
      await flight.attempt?.cancel();
      await flight.promise.catch(() => undefined);
    },
    get inProgress(): boolean {
      return current !== null;
    },
  };
}
