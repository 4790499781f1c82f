// Shisaku Flow's settings of the Tasklist webapp (Camunda 7.24 reads this module at start; see docs/frontend.md).
// customScripts are ES modules, relative to /camunda/app/tasklist/.
export default {
  customScripts: ['../shisaku/scripts/shisaku-webapp.js', 'scripts/calendar-plugin.js', 'scripts/form-plugin.js',
    'scripts/tasklist-plugin.js'],
  locales: {
    availableLocales: ['ja', 'en'],
    fallbackLocale: 'ja'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
