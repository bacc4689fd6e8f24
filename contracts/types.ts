/**
 * The runner's vocabulary, shared by every stage: what was sent and answered (an exchange), what
 * broke the contract (a failure), what each check found and what the run covered. The run's whole
 * result, which holds the rules table's rows too, is run-result.ts's, above this module.
 */

/** One request the runner sent, as it can be replayed. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Text bodies verbatim; binary bodies are described (`<10485761 bytes of audio/mpeg>`). */
  body?: string;
  /** How a multipart body is replayed with curl: `-F` arguments. */
  form?: string[];
}

/** What the backend answered. */
export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON when the content type says JSON and it parses. */
  json?: unknown;
  bytes: Uint8Array;
}

/** Why a request was sent: checks judge positive and negative exchanges differently. */
export type Purpose = 'positive' | 'negative' | 'probe';

/** How the contract says an invalid request must be refused. */
export interface Rejection {
  statuses: number[];
  codes: string[];
  /** The offending field, which a `validation_failed` problem must name in `errors`. */
  field?: { in: 'body' | 'query' | 'path' | 'header'; name: string };
  /** Several offending fields at once, each of which the problem's `errors` must name. */
  fields?: { in: 'body' | 'query' | 'path' | 'header'; name: string }[];
  /**
   * The request names an item that does not exist (a fresh id, so that nothing real is touched):
   * the 404 the operation documents is a fair answer too, whichever the server checks first.
   */
  orMissing?: boolean;
}

export interface Exchange {
  seq: number;
  /** The spec operation the request targets; undefined for requests outside the spec (preflight). */
  operationId: string | undefined;
  /** The check or driver that sent it. */
  by: string;
  purpose: Purpose;
  /** What was special about the input (`body /name: over-long string (101 chars)`). */
  description?: string;
  /** For a refused generated value: the smallest value still refused, found by shrinking. */
  shrunkTo?: { description: string; request: RecordedRequest };
  /** For a negative request: the refusal the contract prescribes. */
  rejection?: Rejection;
  /**
   * Sent to an item that does not exist (a fresh id, or one the run deleted): its 404 is the only
   * fair answer, and where the operation documents none, the description is what omits it.
   */
  missingItem?: boolean;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** A transport failure (timeout, refused connection) in one sentence. */
  error?: string;
  /**
   * The runner itself cut the request short (its --timeout passed, Ctrl-C): no answer is then not
   * the backend's doing, and no check holds it against the backend.
   */
  cancelled?: boolean;
  /** When the request was sent (epoch ms), to order it against WebSocket events. */
  sentAt: number;
  durationMs: number;
}

/** One way the backend breaks the contract, with what a developer needs to fix it. */
export interface Failure {
  check: string;
  operationId: string | undefined;
  title: string;
  message: string;
  expected: string;
  actual: string;
  curl: string | undefined;
  /** Where the broken rule is written: `openapi.yaml#/paths/~1qa~1{id}/get/responses/200`. */
  specPointer: string;
  /** How many identical failures were folded into this one. */
  occurrences?: number;
}

/** What a check reports: a failure without the check's name and curl line, which the run adds from the exchange. */
export type FailureInput = Omit<Failure, 'check' | 'curl'> & { exchange?: Exchange };

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  failures: Failure[];
  /** Parts not checked and why (`no --test-number`), and other remarks. */
  notes: string[];
  /** Operations the check sent requests to or judged. */
  operations: string[];
  /** Requests the check (or the drivers it judges) sent. */
  requests: number;
  /** Answers the check judged, whoever asked for them. */
  judged: number;
  durationMs: number;
}

export interface OperationCoverage {
  operationId: string;
  method: string;
  path: string;
  /** Whether the operation answered a 2xx at least once: it was exercised for real. */
  exercised: boolean;
  /** Whether any request reached it at all (answered or not), a 2xx or not. */
  called: boolean;
  documentedStatuses: string[];
  observedStatuses: string[];
  checks: string[];
}

export interface Coverage {
  operations: OperationCoverage[];
  /** Operations that answered a 2xx at least once. */
  operationsExercised: number;
  /** Operations that were sent at least one request. */
  operationsCalled: number;
  operationsTotal: number;
  statusesObserved: number;
  statusesDocumented: number;
}
