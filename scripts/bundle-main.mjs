// The bundle's entry (dist/adapters/main.js, what the image and `npm start` run): turns on Node's module
// compile cache (Node 22.1 and newer; Node 20 has none and skips it), then loads the bot, so V8 compiles the
// bot's code once and later starts read the compiled code from disk. The cache lives in NODE_COMPILE_CACHE (the
// image sets it and fills it at build time) or else the system's temporary directory; it is only a cache:
// Node checks each entry against the module's source and compiles afresh when it cannot use or write it.
import module from 'node:module';

module.enableCompileCache?.();
await import('../adapters/main.ts');
