import type { Failure } from '../../contracts/types.ts';

/** What a failure on a real server is: the server breaks its description, the description is wrong, or the runner is. */
export type FindingKind = 'server deviation' | 'description defect' | 'false alarm';

export interface Finding {
  server: string;
  check: string;
  operationId: string | undefined;
  /** The failure's title, or a pattern of it. */
  title: RegExp;
  /** When one title holds several findings: a pattern of the failure's actual answer. */
  actual?: RegExp;
  kind: FindingKind;
  /** The evidence, in one or two sentences (docs/runner.md has the same table). */
  why: string;
}

const AM = 'alertmanager';
const JS = 'jupyter-server';
const MATCHERS =
  '`filter` is an array of strings with no pattern, but the server takes only Prometheus matchers (`label="value"`) and answers 400 "bad matcher format: call" to anything else; the grammar is only in the prose.';

/**
 * Every failure the runner reports on the real servers of servers.ts, classified (docs/runner.md,
 * "Real servers", has the same table with the evidence). Checked by `npm run contract:real` and
 * tests/contracts/real-servers.test.ts: a failure that matches no entry fails them.
 */
export const FINDINGS: Finding[] = [
  // Alertmanager 0.25 (Debian bookworm), API v2.
  ...['getAlerts', 'getAlertGroups', 'getSilences'].map(
    (operationId): Finding => ({
      server: AM,
      check: 'positive_data_acceptance',
      operationId,
      title: /^Valid request refused$/,
      kind: 'description defect',
      why: MATCHERS,
    }),
  ),
  {
    server: AM,
    check: 'status_code_conformance',
    operationId: 'getSilences',
    title: /^Undocumented status 400$/,
    kind: 'description defect',
    why: 'GET /silences answers 400 "bad matcher format: …" to a filter that is no matcher, like GET /alerts, whose description lists the 400; getSilences lists only 200 and 500.',
  },
  {
    server: AM,
    check: 'negative_data_rejection',
    operationId: 'postSilences',
    title: /^Invalid request refused with 422$/,
    kind: 'description defect',
    why: 'go-swagger validates the body before the handler and answers every missing required field with 422 {"code":602,"message":"matchers in body is required"}; the description lists 400 only.',
  },
  ...(
    [
      ['postSilences', '422'],
      ['getSilence', '422'],
      ['deleteSilence', '422'],
    ] as const
  ).map(
    ([operationId, status]): Finding => ({
      server: AM,
      check: 'status_code_conformance',
      operationId,
      title: new RegExp(`^Undocumented status ${status}$`),
      kind: 'description defect',
      why: 'go-swagger answers a body or path parameter that breaks its schema (a missing field, `silenceID` not a uuid) with 422 {"code":601|602,…}; the description never lists 422.',
    }),
  ),
  ...['postAlerts', 'postSilences'].map(
    (operationId): Finding => ({
      server: AM,
      check: 'status_code_conformance',
      operationId,
      title: /^Undocumented status 415$/,
      kind: 'description defect',
      why: 'A text/plain body is answered 415 {"code":415,"message":"unsupported media type \\"text/plain\\", only [application/json] are allowed"}, a correct answer the description omits.',
    }),
  ),
  ...['postAlerts', 'postSilences'].map(
    (operationId): Finding => ({
      server: AM,
      check: 'response_schema_conformance',
      operationId,
      title: /^Response body breaks the 400 schema$/,
      kind: 'description defect',
      why: 'The 400 schema is `type: string`, what the handlers send ("bad matcher format: call"), but a body that does not parse (`"text"`, `[]`) is refused by go-swagger as {"code":400,"message":"parsing alerts body from \\"\\" failed, because json: cannot unmarshal string into Go value of type models.PostableAlerts"}: the description omits the framework\'s error object.',
    }),
  ),
  // Reported since no answer is a failure (issue #19 item 1): the crash the issue began with.
  ...['not_a_server_error', 'negative_data_rejection'].map(
    (check): Finding => ({
      server: AM,
      check,
      operationId: 'postSilences',
      title: /^No answer$/,
      kind: 'server deviation',
      why: 'A silence whose required `matchers` holds a null (`"matchers":[null]`) makes the handler panic on the nil matcher; Go\'s net/http recovers by closing the connection, so the request gets no answer at all (curl: "Empty reply from server"; behind a proxy, a 502).',
    }),
  ),
  {
    server: AM,
    check: 'positive_data_acceptance',
    operationId: 'postSilences',
    title: /^Valid request refused$/,
    kind: 'description defect',
    why: 'Generated silences valid against the schema are refused with 400 "Failed to create silence: end time can\'t be in the past" or "start time must be before end time" (and matchers need label names and a value that does not match the empty string): rules the description states nowhere. The plain body (a start now, an end a day later, `contract_run_…` names) is taken: 200 with its silenceID.',
  },
  ...['getSilence', 'deleteSilence'].map(
    (operationId): Finding => ({
      server: AM,
      check: 'use_after_free',
      operationId,
      title: /^Deleted resource (still readable|deleted again)$/,
      kind: 'description defect',
      why: 'DELETE /silence/{id} expires a silence rather than removing it: GET after it answers 200 with `"status":{"state":"expired"}` and a second DELETE 200 again, until the retention period drops it. The description calls the operation "Delete a silence by its ID" and lists no 404 for the delete; that a deleted silence stays readable, expired, is not in it.',
    }),
  ),
  // Jupyter Server 1.23 (Debian bookworm), its REST API.
  {
    server: JS,
    check: 'negative_data_rejection',
    operationId: 'patchApiSessionsBySession',
    title: /^Invalid request refused with 404$/,
    kind: 'description defect',
    why: 'PATCH /api/sessions/12345 (a session id that is no uuid) is an HTML 404 from Tornado: its route takes only ids of the uuid pattern, so a malformed id names no route. The description documents 200 and 400 for the operation, and no 404.',
  },
  {
    server: JS,
    check: 'not_a_server_error',
    operationId: 'postApiSessions',
    title: /^Server error$/,
    actual: /^500 /,
    kind: 'server deviation',
    why: 'Bodies of the wrong shape crash the handler: `[]` -> 500 "TypeError: list indices must be integers or slices, not str", `"path": 1` -> 500 "\'int\' object has no attribute \'strip\'", `"path": null` -> the same with NoneType.',
  },
  {
    server: JS,
    check: 'not_a_server_error',
    operationId: 'postApiKernels',
    title: /^Server error$/,
    kind: 'server deviation',
    why: 'Starting a kernel by a name that is not installed is 500 "Unhandled error" with the traceback (jupyter_client.kernelspec.NoSuchKernel: No such kernel named …) where POST /api/sessions answers the same case with its documented 501.',
  },
  ...['putApiContentsByPath', 'postApiContentsByPath', 'patchApiContentsByPath'].map(
    (operationId): Finding => ({
      server: JS,
      check: 'not_a_server_error',
      operationId,
      title: /^Server error$/,
      kind: 'server deviation',
      why: "A JSON body that is not an object (`\"text\"`, `[]`) is 500 \"Unhandled error\": AttributeError: 'str' ('list') object has no attribute 'get'; the handlers call model.get on whatever parsed.",
    }),
  ),
  ...[
    'postApiKernels',
    'putApiContentsByPath',
    'postApiContentsByPath',
    'patchApiContentsByPath',
    'postApiSessions',
  ].map(
    (operationId): Finding => ({
      server: JS,
      check: 'status_code_conformance',
      operationId,
      title: /^Undocumented status 500$/,
      kind: 'server deviation',
      why: 'The same crashes as not_a_server_error above (500 is not documented either).',
    }),
  ),

  {
    server: JS,
    check: 'ensure_resource_availability',
    operationId: 'getApiContentsByPath',
    title: /^Created resource does not read back as written$/,
    kind: 'description defect',
    why: 'The PUT body\'s `name`, `path`, `type` and `format` are documented as what the PUT sets ("The new filename if changed", "New path"), but the server takes the name and path from the URL, stores a file, and answers `"type": "file", "format": "text"` whatever was sent (a generated `"type": "  spaced  "` is taken and read back as "file"): fields of the answered model, not of the request.',
  },
  {
    server: JS,
    check: 'positive_data_acceptance',
    operationId: 'putApiContentsByPath',
    title: /^Valid request refused$/,
    kind: 'description defect',
    why: '`type` is a free string in the description ("Path dtype (\'notebook\', \'file\', \'directory\')": the values only in prose): a generated `"type": "Привет"` is 400 "Unhandled contents type". The plain body `{}` creates an empty file: 201.',
  },
  {
    server: JS,
    check: 'positive_data_acceptance',
    operationId: 'postApiContentsByPath',
    title: /^Valid request refused$/,
    kind: 'description defect',
    why: 'POST /api/contents/{path} creates a file inside the directory {path}; given the run\'s own file, it is 400 "Cannot POST to files, use PUT instead." The description gives every contents operation the same `path` ("file path") and says nowhere that this one takes a directory.',
  },
  {
    server: JS,
    check: 'positive_data_acceptance',
    operationId: 'postApiSessions',
    title: /^Valid request refused$/,
    kind: 'description defect',
    why: 'The Session schema requires nothing, but `{}` is 400 "Missing field in JSON data: path": `path` (and `type`, and a kernel) are required by the server and not by the description.',
  },
  ...['putApiContentsByPath', 'patchApiContentsByPath'].map(
    (operationId): Finding => ({
      server: JS,
      check: 'response_schema_conformance',
      operationId,
      title: /^Response body breaks the 20[01] schema$/,
      kind: 'description defect',
      why: 'A model answered without its content has `"content": null, "format": null, "mimetype": null`, as the server does whenever content is not asked for; the Contents schema says `string` for each (Swagger 2.0 has no nullable, and no x-nullable is given).',
    }),
  ),
  ...['postApiSessions', 'postApiKernels'].map(
    (operationId): Finding => ({
      server: JS,
      check: 'status_code_conformance',
      operationId,
      title: /^Undocumented status 400$/,
      kind: 'description defect',
      why: 'A body that is not JSON is 400 {"message": "Invalid JSON in body of request"}, a correct answer the description omits.',
    }),
  ),
  ...[
    'getApiContentsByPath',
    'postApiContentsByPath',
    'patchApiSessionsBySession',
    'getApiTerminalsByTerminalId',
    'deleteApiTerminalsByTerminalId',
  ].map(
    (operationId): Finding => ({
      server: JS,
      check: 'content_type_conformance',
      operationId,
      title: /^Body where none is documented$/,
      kind: 'description defect',
      why: 'Errors carry {"message": …, "reason": …} as everywhere in the API, but these responses (404, 400) are documented without a body: the description omits it.',
    }),
  ),
  ...['getApiContentsByPath', 'putApiContentsByPath', 'postApiContentsByPath', 'patchApiContentsByPath'].map(
    (operationId): Finding => ({
      server: JS,
      check: 'response_schema_conformance',
      operationId,
      title: /^Response body breaks the 400 schema$/,
      kind: 'description defect',
      why: 'The server sends "reason": null when it has no reason; the Error schema says `reason: string` (Swagger 2.0 has no nullable, and no x-nullable is given).',
    }),
  ),
];

/** The classification of one failure, or undefined when nobody classified it yet. */
export function classify(server: string, failure: Failure): Finding | undefined {
  return FINDINGS.find(
    (f) =>
      f.server === server &&
      f.check === failure.check &&
      f.operationId === failure.operationId &&
      f.title.test(failure.title) &&
      (!f.actual || f.actual.test(failure.actual)),
  );
}
