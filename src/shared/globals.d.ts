// The few platform globals src/shared may rely on; both Node 20 and browsers provide them.
declare const crypto: { randomUUID(): string; getRandomValues<T extends ArrayBufferView>(array: T): T };
declare function structuredClone<T>(value: T): T;
