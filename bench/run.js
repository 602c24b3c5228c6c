// `npm run bench` builds (electron-vite build) and then runs `node bench/run.js`: register tsx,
// then run the TypeScript benchmarks. Same as `node --import tsx bench/run.ts` followed by
// `node --import tsx bench/jsonTree.ts`, `node --import tsx bench/emulatorSoak.ts` and
// `node --import tsx bench/bundle.ts` (customer bundles; after run.ts, which rewrites RESULTS.md) and
// `node --import tsx bench/views.ts` (the Raw JSON and Account views of a 50 MB account in Chromium).
// bench/run.ts includes the Kibo client's overhead (bench/clientOverhead.ts).
import { register } from 'tsx/esm/api'

register()
await import('./run.ts')
await import('./jsonTree.ts')
await import('./emulatorSoak.ts')
await import('./bundle.ts')
await import('./views.ts')
