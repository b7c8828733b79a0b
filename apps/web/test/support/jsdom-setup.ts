// What jsdom lacks and the app uses: TextEncoder/Decoder for token decoding, crypto.randomUUID for keys.
import 'reflect-metadata';
import { TextDecoder, TextEncoder } from 'node:util';
import { webcrypto } from 'node:crypto';

Object.assign(globalThis, { TextEncoder, TextDecoder });
if (!globalThis.crypto?.randomUUID) Object.defineProperty(globalThis, 'crypto', { value: webcrypto });

// What the web server serves as /runtime-config.js.
Object.assign(globalThis, { __WINGXTRA_CONFIG__: { tileUrl: '/tiles/{z}/{x}/{y}.png', tileAttribution: 'test tiles', offlineAfterS: 30 } });
