import type { z } from 'zod';

/** A zod error as the form's per-field messages, keyed by dotted path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    // A strict object reports unknown keys as one issue at the parent's path.
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k].join('.')) : [issue.path.join('.') || 'settings'];
    const message = issue.code === 'unrecognized_keys' ? 'Unknown setting' : issue.message;
    for (const key of keys) errors[key] ??= message;
  }
  return errors;
}
