/** A minimal Server-Sent Events reader over fetch, for tests. */
export interface SseEvent {
  event: string;
  data: string;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  comments = 0;
  private readonly controller = new AbortController();
  private done: Promise<void> = Promise.resolve();

  async open(url: string): Promise<Response> {
    const res = await fetch(url, { signal: this.controller.signal, headers: { accept: 'text/event-stream' } });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    this.done = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (block.startsWith(':')) this.comments++;
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length > 0) this.events.push({ event, data: data.join('\n') });
          }
        }
      } catch {
        /* aborted */
      }
    })();
    return res;
  }

  /** Parsed data of the events of one drone, in arrival order. */
  eventsOf(droneId: string): Array<{ drone_id: string; telemetry: { ts: string; position?: unknown } }> {
    return this.events.map((e) => JSON.parse(e.data)).filter((d) => d.drone_id === droneId);
  }

  async close(): Promise<void> {
    this.controller.abort();
    await this.done;
  }
}
