// Shisaku Flow's settings of the Cockpit webapp (Camunda 7.24 reads this module at start; see docs/frontend.md).
// customScripts are ES modules, relative to /camunda/app/cockpit/.
export default {
  customScripts: ['../shisaku/scripts/shisaku-webapp.js', 'scripts/schedule-plugin.js', 'scripts/history-plugin.js',
    'scripts/instance-plugin.js'],
  locales: {
    availableLocales: ['ja', 'en'],
    fallbackLocale: 'ja'
  }
};
