import type { SessionStore } from '../../corpus/store/session.ts';

/**
 * Short tokens for button callback data. Telegram allows 64 bytes of callback data, too little
 * for a question plus a clause id with Vietnamese characters, so buttons carry a token and the
 * context lives behind it: in the store (SessionStore) when the bot has one, so any replica
 * answers the press and buttons outlive a restart; else in memory, bounded (oldest dropped
 * first). A token nobody holds answers "ask again" instead of acting on stale context.
 */
export interface MemoStore<T> {
  put(value: T): Promise<string>;
  get(token: string): Promise<T | undefined>;
}

export class Memo<T> implements MemoStore<T> {
  private readonly items = new Map<string, T>();
  private seq = 0;
  // Distinguishes this process's tokens from those on buttons sent before a restart.
  private readonly prefix = Math.random().toString(36).slice(2, 6);

  constructor(private readonly capacity: number = 1000) {}

  async put(value: T): Promise<string> {
    const token = `${this.prefix}${(++this.seq).toString(36)}`;
    this.items.set(token, value);
    if (this.items.size > this.capacity) {
      const oldest = this.items.keys().next().value;
      if (oldest !== undefined) this.items.delete(oldest);
    }
    return token;
  }

  async get(token: string): Promise<T | undefined> {
    return this.items.get(token);
  }
}

/** A kind of memo kept in the store, shared by every replica. */
export class StoredMemo<T> implements MemoStore<T> {
  constructor(
    private readonly session: SessionStore,
    private readonly kind: string,
  ) {}

  put(value: T): Promise<string> {
    return this.session.putMemo(this.kind, value);
  }

  get(token: string): Promise<T | undefined> {
    return this.session.getMemo<T>(this.kind, token);
  }
}
