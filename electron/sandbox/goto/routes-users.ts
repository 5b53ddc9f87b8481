// GET /users/v1/me and GET /users/v1/lines (docs/providers/goto.md#account-key-and-lines: account key from
// `items[0].accountKey`; the user's lines as `items[].{id, number, name, organization.id}`).
// /lines answers only the signed-in user's own lines, though calls ring on every line of the
// account — that difference is what the client's "my lines" filter exists for.
import type { ApiDeps } from './api-deps';
import { sendJson } from '../common/http-io';
import type { Route } from '../common/http-router';

export function userRoutes(deps: ApiDeps): Route[] {
  return [
    {
      method: 'GET',
      path: '/users/v1/me',
      handler: ({ res, principal }) => {
        sendJson(res, 200, {
          items: [{ accountKey: deps.account.accountKey, userKey: userKeyOf(principal), email: principal, organizationId: deps.account.organizationId }],
        });
      },
    },
    {
      method: 'GET',
      path: '/users/v1/lines',
      handler: ({ res, principal }) => {
        const items = deps.account.lines
          .filter((line) => line.owner === principal)
          .map((line) => ({ id: line.id, number: line.number, name: line.name, organization: { id: deps.account.organizationId } }));
        sendJson(res, 200, { items });
      },
    },
  ];
}

/** A stable numeric key per principal (GoTo user keys are long digit strings). */
function userKeyOf(principal: string): string {
  let n = 0n;
  for (const ch of principal) n = (n * 131n + BigInt(ch.codePointAt(0) ?? 0)) % 10n ** 18n;
  return (10n ** 18n + n).toString();
}
