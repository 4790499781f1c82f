// Shisaku Flow: Cockpit's process-instance page in the user's words. An AngularJS module, loaded the way
// Cockpit's config.js template documents for AngularJS code (requireJsConfig.deps and .ngDeps, an AMD module):
// - the breadcrumb names a process instance by its initiative's title, not by its UUID. Cockpit builds the
//   crumb from `processInstance.name || key || id` of the engine's answer, which has neither a name nor a key;
//   here the instance's `title` variable becomes its name when the page loads it. No title (a plan's or
//   another process's instance): the UUID, as before. Only a GET of the instance's own variables.
// - an empty value that Cockpit's page writes as a literal "null" (親プロセスインスタンス ID) reads as the locale's
//   word for it (PROCESS_INSTANCE_NULL: なし), as the page's other empty values already do.
// - a definition's 履歴保持期間 (history time to live) is a link that opens Camunda's dialog to change it; for
//   those who may not change definitions (read-only.js: mayWrite.definitions, kept in Cockpit's config) it is
//   plain text, the same words without the dialog.
// - the diagram's zoom buttons (Camunda's BPMN viewer widget, on every diagram in Cockpit) are titled in
//   Japanese; their titles are written in English in the widget, with no locale key.
define(['angular'], function(angular) {
  'use strict';

  var ngModule = angular.module('shisaku.instancePage', []);

  ngModule.directive('nullValue', ['$translate', function($translate) {
    return {
      restrict: 'C',
      link: function(scope, element) {
        if (element.text().trim() === 'null') {
          element.text($translate.instant('PROCESS_INSTANCE_NULL'));
        }
      }
    };
  }]);

  var ZOOM_TITLES = {'zoom in': '拡大', 'zoom out': '縮小', 'reset zoom': '表示を元に戻す'};

  ngModule.directive('navigation', function() {
    return {
      restrict: 'C',
      link: function(scope, element) {
        Array.prototype.forEach.call(element[0].querySelectorAll('button[title]'), function(button) {
          var title = ZOOM_TITLES[button.getAttribute('title')];
          if (title) {
            button.setAttribute('title', title);
          }
        });
      }
    };
  });

  var conf = window.camCockpitConf || {};
  var mayWrite = (conf.shisaku && conf.shisaku.mayWrite) || {};

  ngModule.config(['$provide', function($provide) {
    if (!mayWrite.definitions) {
      $provide.decorator('timeToLiveDirective', ['$delegate', function($delegate) {
        $delegate[0].template = '<span class="shisaku-read-only-ttl">'
          + '<span ng-show="definition.historyTimeToLive == null" class="null-value">'
          + '{{ \'TIME_TO_LIVE_NULL\' | translate }}</span>'
          + '<span ng-show="definition.historyTimeToLive != null">{{ format(definition.historyTimeToLive) }}</span>'
          + '</span>';
        return $delegate;
      }]);
    }
    $provide.decorator('ProcessInstanceResource', ['$delegate', '$http', 'Uri', function($delegate, $http, Uri) {
      var get = $delegate.get;
      $delegate.get = function(params) {
        var result = get.apply(this, arguments);
        if (!params || !params.id || !result || !result.$promise) {
          return result;
        }
        result.$promise = result.$promise.then(function(instance) {
          return $http.get(Uri.appUri('engine://engine/:engine/process-instance/' + encodeURIComponent(params.id)
            + '/variables'), {params: {variableNames: 'title', deserializeValues: false}})
            .then(function(response) {
              var title = response.data && response.data.title;
              if (title && typeof title.value === 'string' && title.value) {
                instance.name = title.value;
              }
              return instance;
            }, function() {
              return instance;
            });
        });
        return result;
      };
      return $delegate;
    }]);
  }]);
});
