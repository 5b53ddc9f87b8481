// Every provider API call goes through here (docs/reliability.md#tokens): a Bearer token from the token
// manager, and on a 401 exactly one forced refresh and one retry. A second 401 is returned to the
// caller as the HttpError it is — no refresh storms.
import { HttpError } from '../http/http-errors';
import { requestJson, type JsonRequest, type JsonResponse } from '../http/json-request';
import type { AccessTokenSource } from './token-manager';

/** Throws HttpError (from the API) or TokenError (no usable token). */
export async function authorizedRequest<T = unknown>(tokens: AccessTokenSource, req: JsonRequest<T>): Promise<JsonResponse<T>> {
  const first = await tokens.getAccessToken();
  try {
    return await requestJson({ ...req, headers: { ...req.headers, authorization: `Bearer ${first}` } });
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 401) throw error;
  }
  const second = await tokens.forceRefresh(first);
  return requestJson({ ...req, headers: { ...req.headers, authorization: `Bearer ${second}` } });
}
