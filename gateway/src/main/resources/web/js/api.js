/*
 * What the webchat and the dashboard share: the bearer (kept in sessionStorage, see
 * docs/gateway.md), JSON calls with plain-language errors, a Server-Sent Events reader on top of
 * fetch() (EventSource cannot send an Authorization header), and the sign-in card.
 */
(function (global) {
  'use strict';

  const Tau = (global.Tau = global.Tau || {});
  const BEARER_KEY = 'tau.gateway.bearer';

  /** A failed gateway call: HTTP status (0 when the gateway could not be reached), code, text. */
  class ApiError extends Error {
    constructor(status, code, message, retryAfterSeconds) {
      super(message);
      this.status = status;
      this.code = code || '';
      this.retryAfterSeconds = retryAfterSeconds || null;
    }
  }

  const auth = {
    bearer() {
      try {
        return sessionStorage.getItem(BEARER_KEY) || '';
      } catch (e) {
        return '';
      }
    },
    set(token) {
      sessionStorage.setItem(BEARER_KEY, String(token).trim());
    },
    clear() {
      sessionStorage.removeItem(BEARER_KEY);
    },
  };

  async function failure(response) {
    let code = '';
    let message = response.statusText || 'request failed';
    try {
      const body = await response.json();
      if (body && body.error) {
        code = body.error.code || '';
        message = body.error.message || message;
      }
    } catch (e) {
      // not a JSON error body: keep the status text
    }
    const retry = parseInt(response.headers.get('Retry-After') || '', 10);
    return new ApiError(response.status, code, message, retry > 0 ? retry : null);
  }

  /**
   * Calls the gateway. Resolves with the Response when it is 2xx; rejects with an ApiError
   * otherwise. options: {accept, signal}.
   */
  async function call(method, path, body, options) {
    const opts = options || {};
    const headers = { Accept: opts.accept || 'application/json' };
    const bearer = auth.bearer();
    if (bearer) {
      headers.Authorization = 'Bearer ' + bearer;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: opts.signal,
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (e) {
      if (e && e.name === 'AbortError') {
        throw e;
      }
      throw new ApiError(0, 'network_error', 'cannot reach the gateway (' + e.message + ')');
    }
    if (!response.ok) {
      throw await failure(response);
    }
    return response;
  }

  async function getJson(path, options) {
    return (await call('GET', path, undefined, options)).json();
  }

  /**
   * Reads a text/event-stream body and calls onEvent({event, data, id}) for each frame, in order.
   * Comment frames (keep-alives) are skipped. Resolves when the stream ends.
   */
  async function readSse(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let carry = '';
    for (;;) {
      const { value, done } = await reader.read();
      let text = carry + (done ? decoder.decode() : decoder.decode(value, { stream: true }));
      // A lone CR at the end may be half of a CRLF split across reads: hold it back.
      carry = !done && text.endsWith('\r') ? '\r' : '';
      if (carry) {
        text = text.slice(0, -1);
      }
      buffer += text.replace(/\r\n?/g, '\n');
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        dispatch(frame, onEvent);
      }
      if (done) {
        if (buffer.trim()) {
          dispatch(buffer, onEvent);
        }
        return;
      }
    }
  }

  function dispatch(frame, onEvent) {
    let event = 'message';
    let id = null;
    const data = [];
    for (const line of frame.split('\n')) {
      if (!line || line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) {
        value = value.slice(1);
      }
      if (field === 'event') {
        event = value;
      } else if (field === 'data') {
        data.push(value);
      } else if (field === 'id') {
        id = value;
      }
    }
    if (data.length) {
      onEvent({ event, data: data.join('\n'), id });
    }
  }

  /** One plain sentence for an error, as an operator would want to read it. */
  function describe(error) {
    if (!(error instanceof ApiError)) {
      return 'Unexpected error: ' + (error && error.message ? error.message : String(error));
    }
    const detail = error.message ? ': ' + error.message : '';
    if (error.code === 'guardrail_blocked_input') {
      return 'Message blocked by the input guardrail (400)' + detail +
        '. Rephrase it without the flagged content.';
    }
    if (error.code === 'guardrail_blocked_output') {
      return 'Answer withheld by the output guardrail (403)' + detail + '.';
    }
    switch (error.status) {
      case 0:
        return 'Cannot reach the gateway' + detail.replace(/^: cannot reach the gateway/, '') + '.';
      case 401:
        return error.code === 'invalid_credentials'
          ? 'Password rejected (401): the gateway did not accept this password.'
          : 'Token rejected (401): the gateway did not accept this bearer token. Enter a valid one.';
      case 413:
        return 'Message too large (413)' + detail + '.';
      case 429:
        return (
          'Rate limited (429)' + detail + '.' +
          (error.retryAfterSeconds ? ' Retry in ' + error.retryAfterSeconds + ' s.' : '')
        );
      case 502:
        return 'The model provider failed (502)' + detail + '.';
      case 503:
        return 'The gateway is unavailable (503)' + detail + '.';
      default:
        return 'Request failed (' + error.status + (error.code ? ' ' + error.code : '') + ')' +
          detail + '.';
    }
  }

  /** "just now", "42 s ago", "5 min ago", "3 h ago", or a date. */
  function ago(unixMs, nowMs) {
    const seconds = Math.max(0, Math.round(((nowMs || Date.now()) - unixMs) / 1000));
    if (seconds < 5) return 'just now';
    if (seconds < 60) return seconds + ' s ago';
    if (seconds < 3600) return Math.floor(seconds / 60) + ' min ago';
    if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ago';
    return new Date(unixMs).toLocaleDateString();
  }

  /** Creates an element with a class and optional text (always as text, never as HTML). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function showAlert(message, kind) {
    const box = document.getElementById('alert');
    if (!box) return;
    if (!message) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    box.dataset.kind = kind || 'error';
    box.textContent = message;
    box.hidden = false;
  }

  /**
   * Runs the sign-in flow of a page: reads the auth bootstrap, asks for the token or the password
   * when the gateway needs one, and calls onReady() once requests can be made. `verify` is a
   * protected GET used to check a pasted token before accepting it. Returns {signOut, rejected}:
   * call rejected(error) when a later call gets 401.
   */
  function setupAuth(options) {
    const card = document.getElementById('auth');
    const form = document.getElementById('auth-form');
    const tokenRow = document.getElementById('auth-token-row');
    const passwordRow = document.getElementById('auth-password-row');
    const tokenInput = document.getElementById('auth-token');
    const passwordInput = document.getElementById('auth-password');
    const submit = document.getElementById('auth-submit');
    const hint = document.getElementById('auth-hint');
    const error = document.getElementById('auth-error');
    const badge = document.getElementById('auth-badge');
    const signOut = document.getElementById('sign-out');
    let mode = 'none';
    let usePassword = false;

    function ask(message) {
      options.onLocked();
      card.hidden = false;
      usePassword = mode === 'password-session';
      passwordRow.hidden = !usePassword;
      tokenRow.hidden = usePassword;
      submit.textContent = usePassword ? 'Sign in' : 'Connect';
      hint.textContent = usePassword
        ? 'This gateway uses password sessions: sign in to get a bearer that expires.'
        : 'This gateway needs its bearer token (--gateway-openresponses-auth-token).';
      error.textContent = message || '';
      error.hidden = !message;
      signOut.hidden = true;
      (usePassword ? passwordInput : tokenInput).focus();
    }

    function unlocked() {
      card.hidden = true;
      signOut.hidden = mode === 'none';
      badge.textContent = mode === 'none' ? 'localhost-dev' : mode + ' · signed in';
      badge.dataset.state = 'ok';
      options.onReady();
    }

    document.getElementById('auth-use-token').addEventListener('click', (e) => {
      e.preventDefault();
      usePassword = false;
      passwordRow.hidden = true;
      tokenRow.hidden = false;
      submit.textContent = 'Connect';
      tokenInput.focus();
    });

    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.hidden = true;
      submit.disabled = true;
      try {
        if (usePassword) {
          const response = await call('POST', '/gateway/auth/session', {
            password: passwordInput.value,
          });
          const issued = await response.json();
          auth.set(issued.access_token);
          passwordInput.value = '';
        } else {
          const token = tokenInput.value.trim();
          if (!token) {
            throw new ApiError(401, 'unauthorized', 'no token entered');
          }
          auth.set(token);
          await call('GET', options.verify);
          tokenInput.value = '';
        }
        unlocked();
      } catch (err) {
        auth.clear();
        error.textContent = describe(err);
        error.hidden = false;
      } finally {
        submit.disabled = false;
      }
    });

    signOut.addEventListener('click', () => {
      auth.clear();
      ask('Signed out.');
    });

    (async () => {
      try {
        const info = await getJson('/gateway/auth/bootstrap');
        mode = info.ui_auth_mode || 'token';
        badge.textContent = info.auth_mode;
      } catch (err) {
        badge.textContent = 'offline';
        badge.dataset.state = 'error';
        showAlert(describe(err));
        return;
      }
      if (mode === 'none' || auth.bearer()) {
        unlocked();
      } else {
        ask('');
      }
    })();

    return {
      rejected(err) {
        auth.clear();
        badge.textContent = mode;
        badge.dataset.state = 'error';
        ask(describe(err));
      },
    };
  }

  Tau.api = { ApiError, auth, call, getJson, readSse, describe };
  Tau.ui = { ago, el, showAlert, setupAuth };
})(window);
