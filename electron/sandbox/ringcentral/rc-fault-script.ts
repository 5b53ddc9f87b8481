// One gateway or HTTP fault before each of ten calls, shared by the fault-run test and the
// benchmark so both prove the same thing: every call rings once and ends once, whatever came before.
import type { RcSandboxFaults } from './rc-sandbox';

export function rcTenFaults(f: RcSandboxFaults): Array<[name: string, inject: () => void]> {
  return [
    ['none', () => undefined],
    ['drop', () => f.drop()],
    ['half-open', () => f.halfOpen(true)],
    ['garbage', () => f.garbage('not-json')],
    ['duplicates', () => f.duplicateNext(3)],
    ['WSG-902', () => f.errorFrame('WSG-902')],
    ['WSG-903', () => f.errorFrame('WSG-903')],
    ['wstoken 429 + drop', () => (f.failHttp({ pathPrefix: '/restapi/oauth/wstoken', status: 429, retryAfterSeconds: 1 }), f.drop())],
    ['failed recovery + drop', () => (f.failRecoveries(true), f.drop())],
    ['out of order', () => f.reorderNext()],
  ];
}
