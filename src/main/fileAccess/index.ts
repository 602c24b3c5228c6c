// File access by capability: handles for files the person chose, typed-path checks for the
// browser host, and the recent-files list.
export { FileGrants, type FileGrant, type FilePurpose, type GrantSource } from './fileGrants'
export { checkTypedOpenPath, checkTypedSavePath, defaultExportFolder } from './typedPath'
export { MAX_RECENT_FILES, RecentFiles, type RecentEntry } from './recentFiles'
