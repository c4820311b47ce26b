/**
 * Group commit: writes that arrive in the same tick go to the store in one transaction, so one fsync
 * makes a whole burst of answers durable. Each caller's promise resolves with its own result once the
 * batch is durable; while a batch is being written the next one gathers.
 */
export class WriteBatcher<In, Out> {
  readonly #write: (batch: In[]) => Promise<Out[]>;
  #pending: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;
  #writing = false;

  constructor(write: (batch: In[]) => Promise<Out[]>) {
    this.#write = write;
  }

  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#writing) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    this.#writing = true;
    try {
      const results = await this.#write(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        p.resolve(results[i] as Out);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.#writing = false;
      if (this.#pending.length > 0) this.#schedule();
    }
  }
}
