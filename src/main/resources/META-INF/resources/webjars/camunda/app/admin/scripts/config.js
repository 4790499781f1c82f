// Shisaku Flow's settings of the Admin webapp (Camunda 7.24 reads this module at start; see docs/frontend.md).
// customScripts are ES modules, relative to /camunda/app/admin/.
export default {
  customScripts: ['../shisaku/scripts/shisaku-webapp.js', 'scripts/admin-plugin.js'],
  locales: {
    availableLocales: ['ja', 'en'],
    fallbackLocale: 'ja'
  }
};
