// Shisaku Flow's settings of the Cockpit webapp (Camunda 7.24 reads this module at start; see docs/frontend.md).
// customScripts are ES modules, relative to /camunda/app/cockpit/.
import {excludeWhatMayNotBeWritten} from './read-only.js';

// Cockpit does not offer the writes the user may not make (auditors, and managers where they may not): its
// plugin exclusion, set from the engine's authorizations before Cockpit's code reads it (read-only.js).
const mayWrite = await excludeWhatMayNotBeWritten();

export default {
  customScripts: ['../shisaku/scripts/shisaku-webapp.js', 'scripts/schedule-plugin.js', 'scripts/history-plugin.js',
    'scripts/instance-plugin.js', 'scripts/upload-plugin.js'],
  // AngularJS code, as Camunda's config.js template documents it: the instance's title in the breadcrumb.
  requireJsConfig: {
    deps: ['scripts/instance-page'],
    ngDeps: ['shisaku.instancePage']
  },
  // What the user may write, for the AngularJS code below (Camunda keeps this object as window.camCockpitConf).
  shisaku: {mayWrite},
  locales: {
    availableLocales: ['ja', 'en'],
    fallbackLocale: 'ja'
  }
};
