// The scripted-call face of the sandbox: tests ring, answer and end calls through handles, and
// the demo starts the generator. A handle only names a call by id, so it stays valid (and
// harmless) after the call ended or was forgotten.
import type { CallBook } from './call-book';
import type { CallGenerator } from './call-generator';
import type { CallHandle, SandboxCalls } from './sandbox-types';

export function createSandboxCalls(calls: CallBook, generator: CallGenerator): SandboxCalls {
  const handleOf = (id: string): CallHandle => ({
    id,
    get phase() {
      return calls.get(id)?.phase ?? 'ended';
    },
    answer: () => void calls.answer(id),
    end: (o) => void calls.end(id, o),
    record: () => {
      const call = calls.get(id);
      if (!call) throw new Error(`Call ${id} is no longer retained.`);
      return call;
    },
  });
  return {
    ringInbound: (o = {}) => handleOf(calls.ringInbound(o).id),
    placeOutbound: (o = {}) => handleOf(calls.placeOutbound(o).id),
    get: (id) => calls.get(id),
    active: () => calls.active(),
    startGenerator: (o) => generator.start(o),
    stopGenerator: () => generator.stop(),
    get generatorRunning() {
      return generator.running;
    },
    get generated() {
      return generator.generated;
    },
  };
}
