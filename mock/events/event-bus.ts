/** An event of the real-time channel, shaped as asyncapi.yaml's messages. */
export interface ChannelEvent {
  type: string;
  id: string;
  occurredAt: string;
  data: unknown;
  [extra: string]: unknown;
}

export type EventListener = (event: ChannelEvent) => void;

/**
 * Fans the mock's changes out to whoever listens (the WebSocket server, tests). Delivery is
 * synchronous and in publish order, so every listener sees events in the order changes happened.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly now: () => number = Date.now) {}

  publish(type: string, data: unknown, extra: Record<string, unknown> = {}): ChannelEvent {
    const event: ChannelEvent = {
      type,
      id: crypto.randomUUID(),
      occurredAt: new Date(this.now()).toISOString(),
      ...extra,
      data,
    };
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Subscribes; the answer unsubscribes. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
