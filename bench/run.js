// `npm run bench` runs `node bench/run.js`: register tsx, then run the TypeScript benchmark.
// Same as `node --import tsx bench/run.ts` followed by `node --import tsx bench/jsonTree.ts` and
// `node --import tsx bench/emulatorSoak.ts`.
import { register } from 'tsx/esm/api'

register()
await import('./run.ts')
await import('./jsonTree.ts')
await import('./emulatorSoak.ts')
