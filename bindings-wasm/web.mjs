// The browser and bundler entry of @genova/sessions-wasm (package.json `exports`, conditions
// `browser`, `import`, `default`): wasm-bindgen's `web` build, initialized here with a
// top-level await, so `import { plan } from '@genova/sessions-wasm'` is ready to call. Its
// `new URL('genova_sessions_wasm_bg.wasm', import.meta.url)` is how Vite, webpack 5 (Next.js)
// and Rollup find the .wasm: they emit it as an asset of the bundle and the page fetches it
// from there. Node (`node` condition) gets the CommonJS build, pkg/node/, instead.
import init from './pkg/web/genova_sessions_wasm.js';

await init();

export * from './pkg/web/genova_sessions_wasm.js';
export { default, initSync } from './pkg/web/genova_sessions_wasm.js';
