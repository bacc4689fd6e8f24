import type { Party } from './party.ts';
import type { RuleName } from './rules.ts';

/** Which way a message travels: a request (client produces it) or a response or event (server does). */
export type Direction = 'request' | 'response';

/** One version of the contract: its label (`origin/main`, a path) and its documents by file name. */
export interface ContractVersion {
  label: string;
  /** `openapi.yaml` and, when the version has one, `asyncapi.yaml`, parsed but not dereferenced. */
  files: Record<string, unknown>;
}

/** A place in one version's documents: a file name and a JSON pointer into it. */
export interface Node {
  value: unknown;
  file: string;
  pointer: string;
}

/** One change between two versions, found by one rule. */
export interface Change {
  rule: RuleName;
  /** Who it breaks, from the rules table; empty for a compatible change. */
  breaks: Party[];
  /** What it belongs to: `POST /topics`, `event call.created`, `x-cors`. */
  subject: string;
  message: string;
  /** `openapi.yaml#/components/schemas/Topic/properties/name` in the base, when it is there. */
  before?: string;
  /** The same in the head. */
  after?: string;
  /** The reason given in the head's `x-breaking-changes`, when a breaking change is acknowledged. */
  acknowledged?: string;
}

/** Collects changes; the comparers call it and never build a Change themselves. */
export type Emit = (rule: RuleName, subject: string, message: string, before?: Node, after?: Node) => void;
