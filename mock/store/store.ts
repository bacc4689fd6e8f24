import type { AudioFile, Call, Qa, Topic } from '../../spec/models.ts';
import { CallIndex } from './call-index.ts';
import { Collection } from './collection.ts';
import { UniqueIndex } from './unique-index.ts';

/** The state as json-server keeps it: one top-level array per collection. */
export interface Snapshot {
  calls: Call[];
  files: AudioFile[];
  qas: Qa[];
  topics: Topic[];
}

export const COLLECTIONS = ['calls', 'files', 'qas', 'topics'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/**
 * The mock's state behind a small interface: four collections, a snapshot and a load. Records
 * are stored exactly as the API answers them, so a snapshot is also a valid db.json for json-server.
 */
export class Store {
  readonly calls = new Collection<Call>();
  readonly files = new Collection<AudioFile>();
  readonly qas = new Collection<Qa>();
  readonly topics = new Collection<Topic>();
  /** Indexes and per-day aggregates of the calls, following every change. */
  readonly callIndex = new CallIndex();
  /** Topics by name and pairs by question, compared the way the 409s of the spec say. */
  readonly topicNames = new UniqueIndex(this.topics, (t) => sameText(t.name));
  readonly questions = new UniqueIndex(this.qas, (qa) => sameText(qa.question));

  constructor() {
    this.calls.onChange((kind, call, previous) => this.callIndex.onChange(kind, call, previous));
  }

  snapshot(): Snapshot {
    return {
      calls: [...this.calls.all()],
      files: [...this.files.all()],
      qas: [...this.qas.all()],
      topics: [...this.topics.all()],
    };
  }

  load(snapshot: Snapshot): void {
    this.calls.load(snapshot.calls);
    this.callIndex.rebuild(snapshot.calls);
    this.topicNames.rebuild();
    this.questions.rebuild();
    this.files.load(snapshot.files);
    this.qas.load(snapshot.qas);
    this.topics.load(snapshot.topics);
  }

  /** Calls `listener` after any change of any collection. */
  onAnyChange(listener: (collection: CollectionName) => void): void {
    for (const name of COLLECTIONS) this[name].onChange(() => listener(name));
  }
}

/** Text as the uniqueness rules compare it: case-insensitive, runs of spaces collapsed, ends trimmed. */
export function sameText(text: string): string {
  // String(): a record edited by hand (MOCK_DB, a test) may hold a non-string; it must not crash.
  return String(text).trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}
