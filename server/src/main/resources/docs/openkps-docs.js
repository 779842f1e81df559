// The reference of the contracts this server publishes, rendered by Swagger UI, with "Try it out" calling
// this very server. The page's data attributes say which contracts to render and, only when the server runs
// with its documented local credential, the local token to fill in.
(function () {
  'use strict';
  var data = document.body.dataset;
  var contracts = JSON.parse(data.contracts);
  var localToken = data.localToken;
  // The contract lists the cloud and the openkps server on its defaults (http://127.0.0.1:8080); calls meant
  // for the latter go to the server that served this page, whatever its port.
  var localServer = null;

  function isLoopback(url) {
    try {
      var host = new URL(url).hostname;
      return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
    } catch (e) {
      return false;
    }
  }

  var several = contracts.length > 1;
  var ui = SwaggerUIBundle({
    dom_id: '#swagger-ui',
    url: several ? undefined : contracts[0].url,
    urls: several ? contracts : undefined,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: several ? 'StandaloneLayout' : 'BaseLayout',
    deepLinking: true,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    validatorUrl: null,
    requestInterceptor: function (request) {
      if (localServer && (request.url === localServer || request.url.indexOf(localServer + '/') === 0)) {
        request.url = window.location.origin + request.url.substring(localServer.length);
      }
      return request;
    },
    onComplete: function () {
      var servers = ui.specSelectors.servers();
      var local = servers && servers.find(function (server) { return isLoopback(server.get('url')); });
      if (local) {
        localServer = local.get('url').replace(/\/$/, '');
        ui.oas3Actions.setSelectedServer(local.get('url'));
      }
      if (localToken) {
        ui.preauthorizeApiKey('token', localToken);
      }
    }
  });
  window.ui = ui;
})();
