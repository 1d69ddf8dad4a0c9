/**
 * Short tokens for button callback data. Telegram allows 64 bytes of callback data, too little
 * for a question plus a clause id with Vietnamese characters, so buttons carry a token and the
 * context lives here, bounded (oldest dropped first). After a restart old buttons answer
 * "ask again" instead of acting on stale context.
 */
export class Memo<T> {
  private readonly items = new Map<string, T>();
  private seq = 0;
  // Distinguishes this process's tokens from those on buttons sent before a restart.
  private readonly prefix = Math.random().toString(36).slice(2, 6);

  constructor(private readonly capacity: number = 1000) {}

  put(value: T): string {
    const token = `${this.prefix}${(++this.seq).toString(36)}`;
    this.items.set(token, value);
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
    return token;
  }

  get(token: string): T | undefined {
    return this.items.get(token);
  }
}
