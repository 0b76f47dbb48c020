// Types of ./grpc-backend.mjs (plain JavaScript so that the backends' child process can run it).
export const METHOD: string;
export function frame(message: Buffer): Buffer;
export function unframe(body: Buffer): Buffer[] | string;
export function startBackend(answer: string): Promise<{ readonly port: number; close(): Promise<void> }>;
