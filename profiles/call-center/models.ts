/**
 * Short names for the contract's models. Every one is an alias of the generated types: there is no
 * hand-written model anywhere, so a spec change reaches every consumer through `npm run generate`.
 */
import type { components, operations, paths } from '../../generated/api.generated.ts';

export type { components, operations, paths };

type Schemas = components['schemas'];

export type Call = Schemas['Call'];
export type CallStatus = Schemas['CallStatus'];
export type CallOutcome = Schemas['CallOutcome'];
export type PlaceCallRequest = Schemas['PlaceCallRequest'];
export type TranscriptLine = Schemas['TranscriptLine'];
export type AudioFile = Schemas['File'];
export type AudioFormat = Schemas['AudioFormat'];
export type Qa = Schemas['Qa'];
export type QaInput = Schemas['QaInput'];
export type Topic = Schemas['Topic'];
export type TopicInput = Schemas['TopicInput'];
export type Statistics = Schemas['Statistics'];
export type StatisticsPoint = Schemas['StatisticsPoint'];
export type CallCounts = Schemas['CallCounts'];
export type User = Schemas['User'];
export type TokenPair = Schemas['TokenPair'];
export type Problem = Schemas['Problem'];
export type ProblemCode = Schemas['ProblemCode'];
export type FieldError = Schemas['FieldError'];
export type HistoryDeleted = Schemas['HistoryDeleted'];
export type Page = Schemas['Page'];
export type OperationId = keyof operations;
export type LoginRequest = Schemas['LoginRequest'];
export type RefreshRequest = Schemas['RefreshRequest'];
