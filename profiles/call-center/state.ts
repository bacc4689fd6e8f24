import type { MockContext } from '../../mock/context.ts';
import type { Collection } from '../../mock/store/collection.ts';
import type { Store } from '../../mock/store/store.ts';
import type { AudioFile, Call, Qa, Topic } from '../../spec/models.ts';
import type { CallSimulator } from './calls/call-simulator.ts';
import { CallIndex } from './store/call-index.ts';

/**
 * The call center's typed view of the engine's store: its four collections and the call index
 * (per-number lists, sorted pages and per-day statistics) that follows every change of the calls.
 */
export class CallCenterData {
  readonly calls: Collection<Call>;
  readonly files: Collection<AudioFile>;
  readonly qas: Collection<Qa>;
  readonly topics: Collection<Topic>;
  readonly callIndex = new CallIndex();

  constructor(readonly store: Store) {
    for (const name of ['calls', 'files', 'qas', 'topics']) store.define(name);
    this.calls = store.collection<Call>('calls');
    this.files = store.collection<AudioFile>('files');
    this.qas = store.collection<Qa>('qas');
    this.topics = store.collection<Topic>('topics');
    this.calls.onChange((kind, call, previous) => this.callIndex.onChange(kind, call, previous));
    this.calls.onLoad(() => this.callIndex.rebuild(this.calls.all()));
  }
}

export interface CallCenterState {
  data: CallCenterData;
  simulator: CallSimulator;
}

/** The call center's state of a mock, as its profile attached it. */
export function callCenter(ctx: MockContext): CallCenterState {
  return ctx.profile.state as CallCenterState;
}
