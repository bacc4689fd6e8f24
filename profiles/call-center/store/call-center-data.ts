import type { Collection } from '../../../mock/store/collection.ts';
import type { SqliteCollection } from '../../../mock/store/sqlite/sqlite-collection.ts';
import type { SqliteStore } from '../../../mock/store/sqlite/sqlite-store.ts';
import type { Store } from '../../../mock/store/store.ts';
import type { AudioFile, Call, Qa, Topic } from '../models.ts';
import { CallIndex } from './call-index.ts';
import type { CallQueries } from './call-queries.ts';
import { SqlCallQueries } from './sql-call-queries.ts';

/**
 * The call center's typed view of the engine's store: its four collections and the call queries
 * (per-number lists, sorted pages and per-day statistics) over the calls. In memory they are an
 * index that follows every change; in an SQLite store, SQL over its indexes and aggregate tables,
 * so that a million calls are never loaded.
 */
export class CallCenterData {
  readonly calls: Collection<Call>;
  readonly files: Collection<AudioFile>;
  readonly qas: Collection<Qa>;
  readonly topics: Collection<Topic>;
  readonly callIndex: CallQueries;

  constructor(readonly store: Store) {
    for (const name of ['calls', 'files', 'qas', 'topics']) store.define(name);
    this.calls = store.collection<Call>('calls');
    this.files = store.collection<AudioFile>('files');
    this.qas = store.collection<Qa>('qas');
    this.topics = store.collection<Topic>('topics');
    if (store.backend.kind === 'sqlite') {
      this.callIndex = new SqlCallQueries(store.backend as SqliteStore, this.calls as SqliteCollection<Call>);
      return;
    }
    const index = new CallIndex();
    this.callIndex = index;
    this.calls.onChange((kind, call, previous) => index.onChange(kind, call, previous));
    this.calls.onLoad(() => index.rebuild(this.calls.all()));
  }
}
