// The names of the contract, without its schemas, so the preload can expose exactly these and
// nothing else while staying a few lines long. contract.ts checks at compile time that this list
// and its call map agree.
export const callNames = [
  'app.info',
  'settings.get',
  'settings.save',
  'profiles.list',
  'profiles.save',
  'profiles.duplicate',
  'profiles.remove',
  'profiles.reorder',
  'profiles.activate',
  'profiles.exportFile',
  'profiles.importFile',
  'files.chooseOpen',
  'files.chooseSave',
  'files.grantTypedPath',
  'files.recent',
  'secrets.setClientSecret',
  'secrets.clear',
  'kibo.impersonate',
  'kibo.refreshTicket',
  'kibo.searchAccounts',
  'kibo.getAccount',
  'customer.section',
  'ops.cancel',
  'log.requests',
  'log.clear',
  'exports.accounts',
  'bundles.export',
  'datasets.open',
  'datasets.query',
  'datasets.account',
  'datasets.close',
  'compare.accounts',
  'compare.bundles',
  'history.list',
  'history.clear',
  'profiles.testConnection',
] as const

export const eventNames = ['progress', 'profiles.changed', 'file.open'] as const

/** IPC channel of a call; one per call, so the main process can refuse anything else. */
export const callChannel = (name: string) => `inspector:call:${name}`
export const eventChannel = 'inspector:event'
