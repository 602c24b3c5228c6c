// Kibo's responseFields language: parse, print, validate against the field trees in
// kiboFields.ts, project JSON values, and convert to and from checkbox paths.

export type { FieldNode, ParseResponseFieldsResult, ResponseFieldsProblem } from './types'
export { parseResponseFields, mergeFieldNodes } from './parse'
export { printResponseFields } from './print'
export { validateResponseFields, checkResponseFields, findFieldSpec, type ResponseFieldsCheck } from './validate'
export { projectFields, compileProjection, ResponseFieldsSyntaxError } from './project'
export { selectionFromPaths, pathsFromSelection, responseFieldsForPath } from './paths'
export { nearestName, levenshtein } from './suggest'
