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
      description: '選択中のタスクを担当する'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '最初のフィルターに移動する'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '一覧の最初のタスクに移動する'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'タスクのフォームの最初の入力欄に移動する'
    }
    // No startProcess (ctrl+alt+p): processes start from plans, and Tasklist offers プロセスを開始 only to
    // whoever may start one (tasklist-plugin.js).
  }
};
