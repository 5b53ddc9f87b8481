/** Shown when the page is opened outside Ringtray (no preload): says so instead of a blank page. */
export function MissingApi({ message }: { message: string }) {
  return (
    <main className="window missing-api">
      <h1 className="app-title">Ringtray</h1>
      <p role="alert">{message}</p>
    </main>
  );
}
