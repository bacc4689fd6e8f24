/**
 * Who a change can break: the frontend (`client`) or a backend that conforms today (`server`). In a
 * module of its own because the rules table (rules.ts) names it for each rule and the change type
 * (types.ts) takes the rule names from that table: one home both may import.
 */
export type Party = 'client' | 'server';
