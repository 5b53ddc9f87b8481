import { screen, within } from '@testing-library/react';

// Queries that read what a user sees in one place. (getBy…/findBy… throw when nothing matches,
// so a bare query is already an assertion; wrapping it in expect(…).toBeTruthy() adds nothing.)

/** The header's connection line as it reads, e.g. "Live · Listening for calls". */
export function headerStatus(): string {
  const line = within(screen.getByRole('banner')).getByRole('status');
  return [...line.children].map((part) => part.textContent?.trim() ?? '').filter(Boolean).join(' · ');
}

/** Every label → value pair of the fact lists (<dl>) on the page, as shown. */
export function facts(): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const term of document.querySelectorAll('dt')) {
    const value = term.nextElementSibling;
    if (value?.tagName === 'DD') pairs[term.textContent ?? ''] = value.textContent ?? '';
  }
  return pairs;
}
